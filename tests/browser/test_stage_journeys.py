"""The journeys people make through a stage, in a real browser: an office prepares and submits
(and recalls its submission once), a coordinator returns and approves; a joint stage waits
for both of its signatories."""

import re

import pytest
from playwright.sync_api import expect

from candidacy import services
from demo.testing import complete_record
from tests import factories as f

pytestmark = [pytest.mark.browser]


def _timeline_entry(page, title: str):
    """The city page's pipeline entry of the stage with this title."""
    return page.locator("ol.timeline > li").filter(has=page.get_by_text(title, exact=True))


def _decide(page, decision: str, comment: str = "") -> None:
    page.get_by_label(decision, exact=True).check()
    page.get_by_role("textbox", name="Comment", exact=True).fill(comment)
    page.get_by_role("button", name="Record decision").click()


def _approve(page, comment: str, state: str) -> None:
    """Approve the stage on `page`; the approval is confirmed and the stage shows `state`."""
    _decide(page, "Approve", comment)
    expect(page.get_by_role("status")).to_contain_text("Your approval was recorded.")
    expect(_stage_state(page)).to_have_text(state)


def _submit(progress, by, narrative: str) -> None:
    """Save the narrative, complete the record and submit the stage, through the services."""
    services.stage_save_draft(progress=progress, by=by, narrative=narrative)
    complete_record(progress, by=by)
    services.stage_submit(progress=progress, by=by)


def _field(page, label: str):
    """A form field by its label's exact text (crispy adds an asterisk to required ones)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def _stage_state(page):
    """The state badge beside the stage page's heading."""
    return page.locator("h1 + .badge")


def test_office_submits_coordinator_returns_then_approves(
    transactional_db, open_session, screenshot, pdf_file
):
    programme = f.make_programme(key="alpha", name="Alpha programme")
    city = f.make_city(programme, slug="city-a", name="City A")
    f.office_user(city, username="office.a")
    f.coordinator_user(programme, username="coord.a")

    # The office signs in and lands on its city's page.
    office = open_session("office.a")
    expect(office).to_have_url(re.compile(r"/cities/city-a/$"))
    expect(office.get_by_role("heading", level=1)).to_have_text("City A")
    expect(_timeline_entry(office, "Office")).to_contain_text("In preparation")
    screenshot(office, "office-city")

    # It opens the current stage, writes the narrative and saves a draft.
    office.get_by_role("link", name="Office", exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Office")
    office.get_by_role("textbox", name="Narrative").fill(
        "The municipality formed its CFC office under the urban-planning deputy."
    )
    office.get_by_role("button", name="Save draft").click()
    expect(office.get_by_role("status")).to_contain_text("Draft saved.")

    # It attaches the decree as a PDF.
    office.get_by_label("Document").set_input_files(pdf_file)
    office.get_by_label("Description", exact=True).fill("Decree establishing the office")
    office.get_by_role("button", name="Attach document").click()
    expect(office.get_by_role("status")).to_contain_text("The document was attached.")
    expect(
        office.get_by_role("region", name="Evidence").get_by_role(
            "link", name="office-decree.pdf", exact=True
        )
    ).to_be_visible()
    expect(office.get_by_role("cell", name="Decree establishing the office")).to_be_visible()
    screenshot(office, "office-stage-draft")

    # Submitting needs the office's record; the page says so until it is filled in.
    missing = office.locator("#record-missing")
    expect(missing).to_contain_text("Fill in the office's record")
    office.get_by_role("link", name="Fill in the record").click()
    _field(office, "Office name").fill("Child-Friendly City Office")
    _field(office, "Parent department").fill("Deputy for Urban Planning")
    _field(office, "Date established").fill("2019-08-19")
    _field(office, "Decree or reference number").fill("12/4")
    _field(office, "Head of office").fill("Maryam Ahmadi")
    _field(office, "Title of the head of office").fill("Acting head of office")
    _field(office, "Staff").fill("4")
    _field(office, "Decree establishing the office").select_option(label="office-decree.pdf")
    screenshot(office, "office-record-form")
    office.get_by_role("button", name="Save", exact=True).click()
    expect(office.get_by_role("status")).to_contain_text("The record was saved.")
    expect(missing).to_have_count(0)

    # It submits the stage for sign-off.
    office.get_by_role("button", name="Submit for sign-off").click()
    expect(office.get_by_role("status")).to_contain_text("The stage was submitted for sign-off.")
    expect(_stage_state(office)).to_have_text("Awaiting sign-off")
    expect(office.get_by_role("button", name="Submit for sign-off")).to_have_count(0)
    screenshot(office, "office-stage-submitted")

    # Nobody has signed yet: it takes the submission back, then submits it again.
    office.get_by_role("textbox", name="Why you recall it (optional)").fill("One more page.")
    office.get_by_role("button", name="Recall the submission").click()
    expect(office.get_by_role("status")).to_contain_text("The submission was recalled")
    expect(_stage_state(office)).to_have_text("In preparation")
    office.get_by_role("button", name="Submit for sign-off").click()
    expect(_stage_state(office)).to_have_text("Awaiting sign-off")

    # The coordinator signs in (own browser context) and finds the stage in the queue.
    coordinator = open_session("coord.a")
    coordinator.get_by_role("link", name="Sign-off queue").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Sign-off queue")
    queue_row = coordinator.get_by_role("row").filter(has_text="City A")
    expect(queue_row).to_contain_text("1. Office")
    screenshot(coordinator, "coordinator-queue")
    queue_row.get_by_role("link", name="1. Office").click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Office")
    # The coordinator sees the record, with the decree, and the evidence.
    record = coordinator.get_by_role("region", name="Record")
    expect(record).to_contain_text("Child-Friendly City Office")
    expect(record.get_by_role("link", name="office-decree.pdf", exact=True)).to_be_visible()
    expect(
        coordinator.get_by_role("region", name="Evidence").get_by_role(
            "link", name="office-decree.pdf"
        )
    ).to_be_visible()

    # A return without a comment is refused with a message the coordinator can act on.
    _decide(coordinator, "Return to the preparer")
    expect(coordinator.get_by_role("alert").first).to_contain_text("The decision was not recorded")
    # The error summary above the form takes the focus; the field shows the error too.
    expect(coordinator.locator("#form-errors")).to_be_focused()
    expect(coordinator.locator("#form-errors")).to_contain_text("a return needs a comment")
    expect(coordinator.locator("form[action$='/decide/'] .invalid-feedback")).to_contain_text(
        "a return needs a comment"
    )
    expect(_stage_state(coordinator)).to_have_text("Awaiting sign-off")
    screenshot(coordinator, "coordinator-return-refused")

    # With a comment, the stage goes back to the office.
    comment = "Attach the signed decree, not the draft, and name the head of office."
    _decide(coordinator, "Return to the preparer", comment)
    expect(coordinator.get_by_role("status")).to_contain_text("returned with your comment")
    expect(_stage_state(coordinator)).to_have_text("Returned")

    # The office sees the comment, edits the narrative and resubmits.
    office.reload()
    expect(_stage_state(office)).to_have_text("Returned")
    expect(office.get_by_role("alert")).to_contain_text(comment)
    screenshot(office, "office-stage-returned")
    narrative = office.get_by_role("textbox", name="Narrative")
    narrative.fill(narrative.input_value() + "\nThe head of office was appointed by decree 12/4.")
    office.get_by_role("button", name="Submit for sign-off").click()
    expect(office.get_by_role("status")).to_contain_text("The stage was submitted for sign-off.")
    expect(office.locator(".narrative").first).to_contain_text("decree 12/4")

    # The coordinator approves the new submission.
    coordinator.get_by_role("link", name="Sign-off queue").click()
    coordinator.get_by_role("link", name="1. Office").click()
    expect(coordinator.get_by_text("decree 12/4")).to_be_visible()
    _approve(coordinator, "Complete.", "Approved")
    screenshot(coordinator, "coordinator-approved")

    # The office's city page: stage 1 approved, stage 2 open.
    office.get_by_role("link", name="City A").first.click()
    expect(office.get_by_role("heading", level=1)).to_have_text("City A")
    expect(_timeline_entry(office, "Office")).to_contain_text("Approved")
    joint = _timeline_entry(office, "Joint")
    expect(joint).to_contain_text("In preparation")
    expect(joint.get_by_role("link", name="Joint")).to_be_visible()
    screenshot(office, "office-city-after")


def test_joint_stage_needs_coordinator_and_evaluator(transactional_db, open_session, screenshot):
    programme = f.make_programme(key="alpha", name="Alpha programme")
    city = f.make_city(programme, slug="city-a", name="City A")
    office_user = f.office_user(city, username="office.a")
    coordinator_user = f.coordinator_user(programme, username="coord.a")
    f.evaluator_user(programme, username="eval.a")
    # Stage 1 approved and the joint stage 2 submitted, through the services.
    stages = {stage.definition.key: stage for stage in city.candidacy.stages.all()}
    _submit(stages["office"], office_user, "Formed.")
    services.stage_approve(progress=stages["office"], by=coordinator_user)
    _submit(stages["joint"], office_user, "Plans evaluated with UNICEF.")

    # The coordinator approves first: the stage still awaits the evaluator.
    coordinator = open_session("coord.a")
    coordinator.get_by_role("link", name="Sign-off queue").click()
    coordinator.get_by_role("link", name="2. Joint").click()
    expect(coordinator.get_by_text("jointly: every signatory must approve")).to_be_visible()
    _approve(coordinator, "", "Awaiting sign-off")
    expect(coordinator.get_by_text("Awaiting: UNICEF evaluator")).to_be_visible()
    expect(coordinator.get_by_role("button", name="Record decision")).to_have_count(0)
    screenshot(coordinator, "coordinator-signed")
    coordinator.get_by_role("link", name="Sign-off queue").click()
    expect(coordinator.get_by_text("Nothing awaits your sign-off.")).to_be_visible()

    # The evaluator lands on the queue, where the stage waits, and approves it.
    evaluator = open_session("eval.a")
    expect(evaluator.get_by_role("heading", level=1)).to_have_text("Sign-off queue")
    row = evaluator.get_by_role("row").filter(has_text="City A")
    expect(row).to_contain_text("National coordinator")
    screenshot(evaluator, "evaluator-queue")
    row.get_by_role("link", name="2. Joint").click()
    expect(evaluator.get_by_text("You sign as UNICEF evaluator.")).to_be_visible()
    _approve(evaluator, "Findings agreed with the ministry.", "Approved")
    screenshot(evaluator, "evaluator-approved")

    # The next stage is open on the city page.
    evaluator.get_by_role("link", name="City A").first.click()
    expect(_timeline_entry(evaluator, "Joint")).to_contain_text("Approved")
    expect(_timeline_entry(evaluator, "Candidacy")).to_contain_text("In preparation")
    screenshot(evaluator, "city-after")
