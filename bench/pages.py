"""The pages the benchmark times; each app adds its main pages here."""

from django.urls import reverse


def main_pages(data):
    """(name, url, repeat) for every main page."""
    slug, plan = data["workspace"].slug, data["plans"][0]
    return [
        ("workspace", reverse("plans:workspace", args=[slug]), 30),
        ("one_page_ogsm", reverse("plans:detail", args=[slug, plan.pk]), 30),
    ]


def throughput_pages(data):
    """(name, url) of the pages whose HTTP throughput is compared with a static file."""
    slug, plan = data["workspace"].slug, data["plans"][0]
    return [("one_page_ogsm", reverse("plans:detail", args=[slug, plan.pk]))]
