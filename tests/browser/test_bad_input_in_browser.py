"""In a real browser: a figure no column holds is refused with a message on the grid, and an
import with repeated rows shows them in its preview; in English and Dutch, desktop and phone."""

import pytest

from koers.dashboard.models import Measurement
from koers.dashboard.tests.factories import kpis_of


@pytest.mark.django_db(transaction=True)
def test_a_huge_figure_and_a_file_with_repeated_rows_are_refused_visibly(
    page, live_server, log_in, screenshot, plan, member, tmp_path
):
    kpi = kpis_of(plan)[0]
    base = f"{live_server.url}/w/acme/plans/{plan.pk}/dashboard/"
    log_in(member)

    page.goto(f"{base}figures/?period=2027-03")
    page.fill(f"#kpi-{kpi.pk}", "1e20")
    page.click("text=Save figures")
    error = page.locator(f"#err-{kpi.pk}")
    assert "Enter a number between -999,999,999,999.99 and" in error.inner_text()
    screenshot("grid-en")

    upload = tmp_path / "figures.csv"
    upload.write_text(
        "kpi_id,kpi,period,value,note\n" + "".join(f"{kpi.pk},x,2027-01,{v},\n" for v in (1, 2, 3))
    )
    page.goto(f"{base}import/")
    assert "At most 20,000 rows and 2 MB per file." in page.inner_text("main")
    page.set_input_files("input[type=file]", str(upload))
    page.click("text=Show the changes")
    preview = page.locator(".import-preview")
    assert "2 rows with a problem." in preview.inner_text()
    assert preview.locator("text=The same KPI and period as row 2.").count() == 2
    assert preview.locator("button[name=confirm]").count() == 0
    screenshot("import-en")

    page.click("button[name=language][value=nl]")
    page.goto(f"{base}import/")
    page.set_input_files("input[type=file]", str(upload))
    page.click("text=Wijzigingen tonen")
    assert "Dezelfde KPI en periode als rij 2." in page.inner_text(".import-preview")
    screenshot("import-nl")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("import-nl-phone")
    page.goto(f"{base}figures/?period=2027-03")
    page.fill(f"#kpi-{kpi.pk}", "NaN")
    page.click("text=Cijfers opslaan")
    assert "“NaN” is geen getal." in page.inner_text(f"#err-{kpi.pk}")
    screenshot("grid-nl-phone")
    assert not Measurement.objects.exists()
