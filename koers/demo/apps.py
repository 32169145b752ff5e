from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "koers.demo"
    verbose_name = "Demo workspace"
