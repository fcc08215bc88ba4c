"""The shared Copy links / Export links flow: what it says, when it asks (expiry for private
buckets, the domain once per bucket with several), what it remembers, and that hostile keys
give exactly one line per link and a safe CSV."""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtWidgets import QComboBox

from qfopgui.core.jobs import JobState
from qfopgui.services.batch_links import BatchLinks, OutputLink
from qfopgui.ui.links.link_flow import LinkFlow, fill
from qfopgui.ui.links.link_options_dialog import LinkOptionsDialog
from qfopgui.ui.links.link_preferences import DAY, LinkPreferences
from tests.gui.links.conftest import make_record
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

HOSTILE = [
    "new\nline.mp4",
    "tab\there.mp4",
    "=cmd|' /C calc'!A0.mp4",
    "../x.mp4",
    "a%2Fb.mp4",
    "😀 party.jpg",
    "carriage\rreturn.jpg",
    "+plus.jpg",
]


def _run(links: Any, coro: Any) -> Any:
    return links.loop.run_until_complete(coro)


def _no_questions(_question: Any, _ok: str) -> Any:
    raise AssertionError("nothing should be asked")


async def _answer_dialog(flow: LinkFlow, task_coro: Any, act: Any) -> Any:
    """Run ``task_coro``; when the options dialog shows, let ``act(dialog)`` answer it."""
    import asyncio

    task = asyncio.ensure_future(task_coro)
    await wait_until(lambda: flow.dialog is not None and flow.dialog.isVisible())
    dialog = flow.dialog
    assert isinstance(dialog, LinkOptionsDialog)
    act(dialog)
    return await task


def test_copied_status_counts_links_and_jobs_not_done(links: Any) -> None:
    links.flow.ask_options = _no_questions  # public, one domain: nothing to ask
    done = [make_record() for _ in range(20)]
    found = _run(links, links.flow.copy_job_links(done))
    assert len(found.links) == 40
    assert links.copied[-1].split("\n") == [
        f"https://media.example.com/{o}" for r in done for o in r.outputs
    ]
    assert links.shell.status["jobs-action"] == "Copied 40 links"

    waiting = [make_record(state=JobState.WAITING), make_record(state=JobState.PROCESSING)]
    _run(links, links.flow.copy_job_links([*done[:19], *waiting]))
    assert links.copied[-1].count("\n") == 37
    assert links.shell.status["jobs-action"] == "Copied 38 links; 2 jobs not done yet"

    before = len(links.copied)
    _run(links, links.flow.copy_job_links(waiting[:1]))
    assert len(links.copied) == before  # nothing done: the clipboard is left alone
    assert links.shell.status["jobs-action"] == "No links copied; 1 job not done yet"


def test_private_links_ask_the_expiry_and_remember_the_choice(links: Any) -> None:
    flow = links.flow
    records = [make_record(output_bucket="vault"), make_record(output_bucket="media")]
    seen: dict[str, Any] = {}

    def seven_days(dialog: LinkOptionsDialog) -> None:
        combo = dialog.expiry_combo
        assert combo is not None
        seen["offered"] = [combo.itemText(i) for i in range(combo.count())]
        seen["default"] = combo.currentData()
        seen["note"] = dialog.note.text()
        seen["ok"] = dialog.ok_button.text()
        combo.setCurrentIndex(combo.findData(7 * DAY))
        dialog.ok_button.click()

    found = _run(links, _answer_dialog(flow, flow.copy_job_links(records), seven_days))
    assert seen["offered"] == ["1 hour", "1 day", "7 days", "30 days"]
    assert seen["default"] == DAY
    assert "Links to vault (private) are signed" in seen["note"]
    assert "Links to public buckets never expire." in seen["note"]
    assert seen["ok"] == "Copy links"
    assert len(found.links) == 4
    assert {e for _k, e in links.client.signed} == {7 * DAY}  # only the private ones are signed
    assert sum("token=signed" in u for u in links.copied[-1].split("\n")) == 2
    assert LinkPreferences(links.settings).expiry() == 7 * DAY

    def keep_and_cancel(dialog: LinkOptionsDialog) -> None:
        assert dialog.expiry_combo is not None
        seen["again"] = dialog.expiry_combo.currentData()
        dialog.reject()

    copies = len(links.copied)
    assert _run(links, _answer_dialog(flow, flow.copy_job_links(records), keep_and_cancel)) is None
    assert seen["again"] == 7 * DAY  # the last choice is preselected
    assert len(links.copied) == copies  # cancelled: nothing copied
    assert links.shell.status["jobs-action"] == "No links copied"


def test_a_bucket_with_several_domains_is_asked_once_and_can_be_changed(links: Any) -> None:
    flow = links.flow
    records = [make_record(output_bucket="multi")]
    seen: dict[str, Any] = {}

    def choose_b(dialog: LinkOptionsDialog) -> None:
        seen["expiry"] = dialog.expiry_combo
        combo = dialog.findChild(QComboBox, "link_domain_multi")
        seen["domains"] = [combo.itemText(i) for i in range(combo.count())]
        combo.setCurrentIndex(1)
        dialog.ok_button.click()

    _run(links, _answer_dialog(flow, flow.copy_job_links(records), choose_b))
    assert seen["expiry"] is None  # public bucket: no expiry to choose
    assert seen["domains"] == ["a.example.com", "b.example.com"]
    assert all(u.startswith("https://b.example.com/") for u in links.copied[-1].split("\n"))

    flow.ask_options = _no_questions  # remembered: not asked again
    _run(links, flow.copy_job_links(records))
    assert all(u.startswith("https://b.example.com/") for u in links.copied[-1].split("\n"))
    assert LinkPreferences(links.settings).domain_for("demo", "multi") == "b.example.com"

    def back_to_a(dialog: LinkOptionsDialog) -> None:
        combo = dialog.findChild(QComboBox, "link_domain_multi")
        seen["preselected"] = combo.currentText()
        seen["ok"] = dialog.ok_button.text()
        combo.setCurrentIndex(0)
        dialog.ok_button.click()

    flow.ask_options = flow._ask_dialog
    _run(
        links,
        _answer_dialog(flow, flow.options([("demo", "multi")], "Save", always=True), back_to_a),
    )
    assert (seen["preselected"], seen["ok"]) == ("b.example.com", "Save")
    flow.ask_options = _no_questions
    _run(links, flow.copy_job_links(records))
    assert all(u.startswith("https://a.example.com/") for u in links.copied[-1].split("\n"))


def test_hostile_keys_one_line_per_link_each_naming_its_key_and_a_safe_csv(links: Any) -> None:
    flow = links.flow
    flow.ask_options = _no_questions
    records = [
        make_record(key=k, outputs=(k,), presets=("=SUM(A1)",), fops=("avthumb/mp4",))
        for k in HOSTILE
    ]
    found = _run(links, flow.copy_job_links(records))
    lines = links.copied[-1].split("\n")
    assert len(lines) == len(HOSTILE) == len(found.links)
    assert [unquote(urlsplit(u).path[1:]) for u in lines] == HOSTILE
    assert all(c.isprintable() and not c.isspace() for u in lines for c in u)

    path = links.tmp / "links.csv"

    async def chosen(_suggested: str) -> Any:
        return path

    flow.choose_export_path = chosen
    assert _run(links, flow.export_job_links(records)) == len(HOSTILE)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["source_bucket", "source", "preset", "output_bucket", "output", "url"]
    for row, key in zip(rows[1:], HOSTILE, strict=True):
        safe = "'" + key if key[0] in "=+-@\t\r" else key
        assert row[1] == row[4] == safe
        assert row[2] == "'=SUM(A1)"
        assert unquote(urlsplit(row[5]).path[1:]) == key
    assert links.shell.status["jobs-action"] == f"Exported {len(HOSTILE)} links to links.csv"


def test_objects_from_files_and_copy_keys(links: Any) -> None:
    flow = links.flow
    flow.ask_options = _no_questions
    found = _run(links, flow.copy_object_links("demo", "media", ["a.mp4", "b c.jpg"]))
    assert (
        links.copied[-1] == "https://media.example.com/a.mp4\nhttps://media.example.com/b%20c.jpg"
    )
    assert [link.source_key for link in found.links] == ["", ""]
    assert links.shell.status["files-action"] == "Copied 2 links"
    flow.copy_keys(["new\nline.mp4", "plain.mp4"])
    assert links.copied[-1] == "new\\x0aline.mp4\nplain.mp4"  # a key never spans two lines
    assert links.shell.status["files-action"] == "Copied 2 keys"


def test_outputs_without_a_link_are_named_and_a_failed_export_says_why(links: Any) -> None:
    flow = links.flow
    flow.ask_options = _no_questions
    _run(links, flow.copy_job_links([make_record(output_bucket="nodomain", outputs=("%2x.mp4",))]))
    text = links.shell.banners["jobs-links"]["text"]
    assert text.startswith("No link for %2x.mp4: ")
    assert "no download domain" in text

    async def missing_folder(_suggested: str) -> Any:
        return links.tmp / "no-such-folder" / "links.csv"

    flow.choose_export_path = missing_folder
    assert _run(links, flow.export_object_links("demo", "media", ["a.mp4"])) == 0
    banner = links.shell.banners["files-links"]
    assert banner["level"] == "error"
    assert "could not be exported" in banner["text"]


def test_fill_replaces_placeholders_once() -> None:
    assert fill("%1 for %2", "%2", "x") == "%2 for x"


def test_a_damaged_setting_reads_as_not_chosen(links: Any) -> None:
    links.settings.set("links/domains", "{not json")
    links.settings.set("links/expiry", 12345)
    prefs = LinkPreferences(links.settings)
    assert prefs.domain_for("demo", "multi") is None
    assert prefs.expiry() == DAY
    prefs.set_domain("demo", "multi", "b.example.com")  # and it can be chosen again
    assert prefs.domain_for("demo", "multi") == "b.example.com"
    with pytest.raises(ValueError, match="not an offered expiry"):
        prefs.set_expiry(5)


def test_a_domain_with_spaces_or_line_breaks_cannot_split_a_line() -> None:
    link = OutputLink(1, "media", "a.mov", "", "media", "a.mp4", "https://cdn\n.example .com/a.mp4")
    assert BatchLinks((link, link)).text() == "\n".join(["https://cdn%0A.example%20.com/a.mp4"] * 2)
