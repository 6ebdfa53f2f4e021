from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from candidacy.events import stage_changed, stage_commented

        from .comments import stage_commented_notify
        from .workflow import stage_changed_notify

        stage_changed.connect(stage_changed_notify, dispatch_uid="notifications.workflow")
        stage_commented.connect(stage_commented_notify, dispatch_uid="notifications.comments")
