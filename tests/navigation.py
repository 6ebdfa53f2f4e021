"""What the navigation costs a page of someone with a role, for the pages' query-count tests:
its count of "My tasks" (`reporting.tasks.task_count`) reads the lists' edition and, when the
count is not kept yet (each test starts with an empty cache), one query more to count."""

#: The navigation's count, counted (the edition, the count of every section in one query).
NAV_TASKS_COUNTED = 2
#: The navigation's count, kept in the cache (the edition).
NAV_TASKS_KEPT = 1
