from django.apps import AppConfig


class StagesConfig(AppConfig):
    name = "stages"

    def ready(self) -> None:
        from stages import checks  # noqa: F401  (registers the content check)
