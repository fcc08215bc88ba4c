"""Core/API text in Chinese: every template the Qt-free layers can emit has a finished zh_CN
translation, and the UI shows them translated with their parameters filled in."""

from __future__ import annotations

import asyncio
import json
import string
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from qfopgui.api.errors import AuthError, NotFoundError, QiniuError
from qfopgui.api.responses import error_for_status
from qfopgui.core.fops import Avthumb, Vframe
from qfopgui.core.jobs import JobState, JobStatus, explain_server_error, summarize_failure
from qfopgui.core.naming import NamingError, check_template
from qfopgui.core.presets import BUILTIN_PRESETS, PresetFileError, presets_from_json
from qfopgui.i18n import i18n_dir, install_translations, read_ts
from qfopgui.services import preset_messages
from qfopgui.services.submitter import NO_JOB_ID, TIMED_OUT, describe_error
from qfopgui.ui import translated_messages as core_text
from qfopgui.ui.jobs.job_details import JobDetails
from qfopgui.ui.translated_messages import (
    api_error_detail,
    api_error_text,
    failure_text,
    naming_error_text,
    preset_error_text,
    problem_text,
    stored_error_text,
)
from tests.gui.jobs.conftest import make_record
from tests.helpers.core_strings import collect

pytestmark = pytest.mark.gui

CATALOGUE = read_ts(i18n_dir() / "core_zh_CN.ts")
BUILTIN_NAMES = tuple(p.name for p in BUILTIN_PRESETS)
GLUE = {
    core_text.FAILURES: (
        core_text.OP_LINE,
        core_text.LINE_JOIN,
        core_text.THEN,
        core_text.SERVER_PART,
        core_text.HTTP_PART,
        core_text.REQID_PART,
        core_text.DETAIL_JOIN,
    ),
}


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[QApplication]:
    translators = install_translations(qapp, "zh_CN")
    assert translators
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _expected() -> dict[str, set[str]]:
    found = collect()
    assert not found.unreadable, "texts the scanner cannot read (make them literal templates)"
    return {
        core_text.PROBLEMS: found.problems | set(preset_messages.MESSAGES),
        core_text.PARAMS: found.labels,
        core_text.FAILURES: found.failures | set(GLUE[core_text.FAILURES]),
        core_text.API: found.api,
    }


def test_scan_finds_every_kind_of_text() -> None:
    expected = _expected()
    # the scan really reads the sources: known samples from each layer are in it
    assert "Width must be between {min} and {max} pixels" in expected[core_text.PROBLEMS]
    assert "{label} must be between {min} and {max} {unit}" in expected[core_text.PROBLEMS]
    assert "The output name template is empty" in expected[core_text.PROBLEMS]  # naming
    assert "{path} does not exist." in expected[core_text.PROBLEMS]  # presets
    assert {"Video bitrate", "Frame rate", "seconds"} <= expected[core_text.PARAMS]
    assert "The source video is incomplete or damaged" in expected[core_text.FAILURES]
    assert "Bucket “{bucket}” does not exist in this account or region." in expected[core_text.API]
    assert len(expected[core_text.PROBLEMS]) >= 60
    assert len(expected[core_text.PARAMS]) >= 50


def test_every_core_text_has_a_finished_chinese_translation() -> None:
    missing = [
        f"[{ctx}] {text}"
        for ctx, texts in _expected().items()
        for text in sorted(texts)
        if not CATALOGUE.get((ctx, text), "").strip()
    ]
    assert not missing, "add these to qfopgui/i18n/core_zh_CN.ts:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder_and_format() -> None:
    for (ctx, source), text in CATALOGUE.items():
        assert _fields(text) == _fields(source), (ctx, source, text)
        values = dict.fromkeys(_fields(source), "X")
        text.format(**values)  # no stray braces
        same_ok = ("Hz", "HTTP {status}", *BUILTIN_NAMES)  # e.g. "MP4 H.264 720p" stays
        if source.strip(" ;,.{}") and source not in same_ok:
            assert text != source, f"not translated: {source}"


def test_catalogue_is_installed(zh: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    for (ctx, source), text in CATALOGUE.items():
        assert QCoreApplication.translate(ctx, source) == text, source
    # An exact (context, source) match wins over another catalogue's by-source fallback:
    # "Size" is 尺寸 for a video parameter even though the files table says 大小.
    size = (core_text.PARAMS, "Size")
    assert QCoreApplication.translate(*size) == CATALOGUE[size]


def test_invalid_model_problem_in_chinese(zh: Any) -> None:
    problems = Vframe(format="jpg", offset=1.0, w=99999).validate()
    texts = [problem_text(p) for p in problems]
    assert "宽度必须在 20 到 3840 像素之间" in texts
    # a table-driven ({label}) problem gets a translated label and unit
    generic = [problem_text(p) for p in Avthumb(format="mp4", ab="fast").validate()]
    assert any("音频码率" in t and "fast" in t for t in generic), generic


def test_both_field_names_of_an_either_or_problem_are_translated(zh: Any) -> None:
    from qfopgui.core.preset_form import command_from_form, new_form, schema

    form = schema("avthumb")
    first, second = form.exclusive[0]
    values = dict(new_form("avthumb"))
    for field_id in (first, second):
        spec = form.field(field_id)
        values[field_id] = spec.lo if spec.lo is not None else "1"
    [problem] = [p for p in command_from_form("avthumb", values).problems if "either" in p.message]
    text = problem_text(problem)
    assert "Set either" not in text  # the sentence is Chinese
    for label in (form.field(first).label, form.field(second).label):
        assert label not in text  # and so are both field names


def test_label_and_unit_are_translated(zh: Any) -> None:
    from qfopgui.core.fops.problems import Problem

    p = Problem.make(
        "ss",
        "{label} must be between {min} and {max} {unit}",
        label="Start time",
        min=0,
        max=10,
        unit="seconds",
    )
    assert problem_text(p) == "开始时间必须在 0 到 10 秒之间"
    assert problem_text(p.with_subject("MP4")) == "MP4: 开始时间必须在 0 到 10 秒之间"


def test_naming_and_preset_errors_in_chinese(zh: Any) -> None:
    with pytest.raises(NamingError) as naming:
        check_template("{dir}/{nope}.{ext}")
    assert naming_error_text(naming.value).startswith("输出文件名中有未知变量 {nope}")
    with pytest.raises(PresetFileError) as bad_json:
        presets_from_json("{")
    assert preset_error_text(bad_json.value) == "预设文件不是有效的 JSON（第 1 行）。"
    text = json.dumps({"version": 1, "presets": [{"name": "P", "commands": ["vframe/jpg"]}]})
    with pytest.raises(PresetFileError) as invalid:
        presets_from_json(text, source="a.json")
    assert invalid.value.problem is not None
    assert preset_error_text(invalid.value) == (
        "a.json，预设“P”：请选择截帧的时间点（以秒为单位的偏移）"
    )


def test_english_is_unchanged_without_translator(qapp: Any) -> None:
    problems = Vframe(format="jpg", offset=1.0, w=99999).validate()
    assert [problem_text(p) for p in problems] == [p.message for p in problems]
    exc = error_for_status(631, reqid="r1", server_msg="no such bucket")
    assert api_error_text(exc) == exc.message
    status = _failed_status("moov atom not found")
    assert failure_text(status) == summarize_failure(status)
    assert stored_error_text(describe_error(exc)) == describe_error(exc)


def _failed_status(*errors: str) -> JobStatus:
    from qfopgui.core.jobs import JobItem

    items = tuple(JobItem(cmd=f"op{i}/x", code=3, error=e) for i, e in enumerate(errors))
    return JobStatus("z0.1", 3, "failed", "media", "a.mov", "", "r", items)


def test_failure_text_from_status_in_chinese(zh: Any) -> None:
    one = _failed_status("moov atom not found")
    assert failure_text(one) == "源视频不完整或已损坏（服务器：moov atom not found）"
    two = failure_text(_failed_status("moov atom not found", "strange"))
    assert two == "op0：源视频不完整或已损坏（服务器：moov atom not found）；op1：strange"
    notify = JobStatus("z0.1", 4, "", "media", "a.mov", "", "r", ())
    assert failure_text(notify) == "输出文件已生成，但向回调地址发送通知失败"


def test_stored_submit_errors_are_recognised(zh: Any) -> None:
    exc = error_for_status(631, reqid="r1", server_msg="no such bucket", ctx=_ctx("media"))
    stored = describe_error(exc)  # what the store keeps for a refused pfop
    bucket_gone = "空间“media”在此账号或区域中不存在。"
    assert stored_error_text(stored) == bucket_gone + "（服务器：no such bucket）"
    refused = error_for_status(400, reqid="r", server_msg="bad fop")
    assert stored_error_text(describe_error(refused)) == "服务器认为请求无效并拒绝了它：bad fop"
    assert stored_error_text(TIMED_OUT).startswith("请求的应答丢失了")
    assert stored_error_text(NO_JOB_ID).startswith("请求已被接受，但应答中没有任务 ID")
    assert stored_error_text("Unexpected error: boom") == "意外错误：boom"
    assert stored_error_text("Something else entirely") == "Something else entirely"
    rec = make_record(state=JobState.FAILED, error=stored)
    assert failure_text(rec) == stored_error_text(stored)
    timed_out = f"{describe_error(refused)}. {TIMED_OUT}"
    assert stored_error_text(timed_out) == (
        "服务器认为请求无效并拒绝了它：bad fop。" + stored_error_text(TIMED_OUT)
    )


def _ctx(bucket: str) -> Any:
    from qfopgui.api.responses import Context

    return Context(bucket=bucket)


def test_api_errors_in_chinese_with_params_and_detail(zh: Any) -> None:
    exc = error_for_status(
        404, reqid="req-9", server_msg="no such file or directory", ctx=_ctx_key("media", "a/b.mp4")
    )
    assert isinstance(exc, NotFoundError)
    assert api_error_text(exc) == "找不到文件（空间“media”中的“a/b.mp4”），它可能已被删除或重命名。"
    assert api_error_detail(exc) == "HTTP 404，请求 ID req-9，服务器：no such file or directory"
    reason = QiniuError.make(
        "The server's answer was not understood ({why}) — not a Qiniu "
        "server? Check the region or host settings.",
        why="no X-Reqid header",
    )
    assert "缺少 X-Reqid 响应头" in api_error_text(reason)
    assert api_error_text(ValueError("plain")) == "plain"


def _ctx_key(bucket: str, key: str) -> Any:
    from qfopgui.api.responses import Context

    return Context(bucket=bucket, key=key)


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (AuthError("bad token", status=401, server_message="bad token"), "AccessKey 或 SecretKey"),
        (error_for_status(503, reqid="r", server_msg="busy"), "七牛服务器处理请求失败"),
    ],
)
def test_account_dialog_errors_in_chinese(
    zh: Any, qtbot: Any, qloop: asyncio.AbstractEventLoop, err: Exception, words: str
) -> None:
    from tests.gui.appfakes import FakeClient
    from tests.gui.test_account_dialog import fill, make
    from tests.helpers.aio import wait_until

    d, _made, owner = make(qtbot, FakeClient(fail_buckets=err))
    fill(d)

    async def scenario() -> str:
        d.test_button.click()
        await wait_until(lambda: words in d.test_result.text())
        await owner.shutdown()
        return d.test_result.text()

    text = qloop.run_until_complete(scenario())
    assert "The " not in text  # no English sentence left


def test_job_details_show_chinese_hint_and_server_text(zh: Any, qtbot: Any) -> None:
    server = "moov atom not found: /data/in.mov"
    status = {
        "id": "z0.1",
        "code": 3,
        "desc": "failed",
        "inputBucket": "media",
        "inputKey": "a.mov",
        "pipeline": "",
        "reqid": "r",
        "items": [{"cmd": "avthumb/mp4", "code": 3, "desc": "failed", "error": server}],
    }
    summary = summarize_failure(_failed_status(server))
    rec = make_record(state=JobState.FAILED, status_json=json.dumps(status), error=summary)
    pane = JobDetails()
    qtbot.addWidget(pane)
    pane.set_record(rec)
    texts = [label.text() for label in pane.findChildren(QLabel)]
    assert "源视频不完整或已损坏" in texts
    assert any(server in t and "服务器" in t for t in texts), texts
    assert explain_server_error(server) not in texts  # the English sentence is not shown


def test_job_details_show_chinese_submit_error(zh: Any, qtbot: Any) -> None:
    exc = error_for_status(401, reqid="r", server_msg="bad token")
    rec = make_record(state=JobState.FAILED, error=describe_error(exc), persistent_id=None)
    pane = JobDetails()
    qtbot.addWidget(pane)
    pane.set_record(rec)
    texts = [label.text() for label in pane.findChildren(QLabel)]
    assert any(t.startswith("AccessKey 或 SecretKey 不正确") for t in texts), texts
    assert any("bad token" in t and "服务器" in t for t in texts), texts


def test_a_short_reason_inside_a_sentence_is_translated_too(zh: Any) -> None:
    from qfopgui.core.output_targets import no_size_sentence
    from qfopgui.services.preflight_runner import NO_DOMAIN

    text = problem_text(no_size_sentence("videos/a.mp4", NO_DOMAIN))
    assert "videos/a.mp4" in text
    assert NO_DOMAIN not in text
    assert "该空间没有下载域名" in text
