"""The pages the benchmark times; each app adds its main pages here."""

from django.urls import reverse


def main_pages(data):
    """(name, url, repeat) for every main page."""
    slug, plan = data["workspace"].slug, data["plans"][0]
    session = data["sessions"][0]
    p, s = [slug, plan.pk], [slug, plan.pk, session.pk]
    return [
        ("workspace", reverse("plans:workspace", args=[slug]), 30),
        ("one_page_ogsm", reverse("plans:detail", args=p), 30),
        ("one_page_ogsm_pdf", reverse("plans:pdf", args=p), 5),
        ("action_list", reverse("actions:list", args=p), 30),
        ("action_list_filtered_htmx", reverse("actions:list", args=p) + "?colour=red", 30),
        ("board", reverse("actions:board", args=p), 30),
        ("my_work", reverse("meetings:my_work", args=[slug]), 30),
        ("action_detail", reverse("actions:detail", args=[*p, data["actions"][0].pk]), 30),
        ("sessions", reverse("meetings:list", args=p), 30),
        ("session_agenda", reverse("meetings:detail", args=s), 30),
        ("session_mode", reverse("meetings:run", args=s), 30),
        ("preread", reverse("meetings:preread", args=s), 30),
        ("preread_pdf", reverse("meetings:preread_pdf", args=s), 5),
        ("minutes_pdf", reverse("meetings:minutes_pdf", args=s), 5),
        ("dashboard_300_kpis", reverse("dashboard:dashboard", args=p), 10),
        ("kpi_page", reverse("dashboard:kpi", args=[*p, data["kpis"][0].pk]), 30),
        ("figures_grid", reverse("dashboard:grid", args=p), 10),
        ("workspace_dashboards", reverse("dashboard:overview", args=[slug]), 3),
        ("portfolio", reverse("dashboard:portfolio", args=[slug]), 30),
        ("analysis_overview", reverse("analysis:overview", args=[slug]), 30),
        ("business_model", reverse("analysis:canvas", args=[slug]), 30),
        ("business_model_compare", reverse("analysis:canvas_compare", args=[slug]), 30),
        ("swot", reverse("analysis:swot", args=[slug]), 30),
        ("swot_matrix", reverse("analysis:swot_matrix", args=[slug]), 10),
        ("trends", reverse("analysis:trends", args=[slug]), 30),
        (
            "scenario_set",
            reverse("analysis:scenario_set", args=[slug, data["scenario_set"].pk]),
            30,
        ),
        ("signals", reverse("analysis:signals", args=[slug]), 30),
        ("brainstorm", reverse("analysis:brainstorm", args=[slug, data["brainstorm"].pk]), 30),
    ]


def member_pages(data):
    """(name, url, repeat) of pages timed as the member asked for 20 updates (`updater`)."""
    slug = data["workspace"].slug
    return [("my_updates_20_actions", reverse("meetings:my_updates", args=[slug]), 30)]


def throughput_pages(data):
    """(name, url) of the pages whose HTTP throughput is compared with a static file."""
    slug, plan = data["workspace"].slug, data["plans"][0]
    return [
        ("action_list", reverse("actions:list", args=[slug, plan.pk])),
        ("dashboard", reverse("dashboard:dashboard", args=[slug, plan.pk])),
        ("one_page_ogsm", reverse("plans:detail", args=[slug, plan.pk])),
    ]
