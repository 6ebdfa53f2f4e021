from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from candidacy.events import stage_changed

        from .workflow import stage_changed_notify

        stage_changed.connect(stage_changed_notify, dispatch_uid="notifications.workflow")
