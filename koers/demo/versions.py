"""Demo: the plan has evolved once, so it shows two versions, a comparison and a history."""

from koers.history.context import acting
from koers.plans import versions


def load(workspace, plan, users):
    owner = users["anna"]
    with acting(owner, "demo"):
        draft = versions.start_draft(plan, owner)
        content = versions.draft_content(draft)
        business = content["strategies"][0]
        business["description"] = (
            "Vaste zakelijke lunches voor kantoren in de regio; catering alleen op aanvraag."
        )
        business["measures"][0]["target"] = "45"
        versions.save_draft(draft, content, draft.version)
        versions.activate(draft, owner, "Stuursessie K1: S1 versmald tot de zakelijke lunch")
