"""Turns Qiniu answer JSON into the models of `models.py`, checking every field on the way."""

from __future__ import annotations

from qfopgui.api import messages as M
from qfopgui.api.answer_fields import Fields
from qfopgui.api.models import BucketInfo, JobItem, JobStatus, ListPage, ObjectInfo, UploadResult
from qfopgui.api.responses import Answer, bad_field, protocol_error

_MAX_PUT_TIME = 253_402_300_799 * 10_000_000  # 9999-12-31 in 100 ns units: datetime's limit


def parse_buckets(answer: Answer, body: object) -> tuple[list[BucketInfo], str]:
    """`["b1", ...]` (classic) or the v4 page `{"buckets": [...], "next_marker": ...}`."""
    if isinstance(body, list):
        names: list[BucketInfo] = []
        for i, b in enumerate(body):
            if not isinstance(b, str) or not b:
                raise bad_field(answer, f"[{i}]")
            names.append(BucketInfo(name=b))
        return names, ""
    page = Fields.of(answer, body)
    out: list[BucketInfo] = []
    for i, b in enumerate(page.array("buckets")):
        where = f"buckets[{i}]"
        if isinstance(b, str) and b:
            out.append(BucketInfo(name=b))
            continue
        f = Fields.of(answer, b, where + ".")
        name = f.text("name") or f.text("tbl")
        if not name:
            raise bad_field(answer, where + ".name")
        out.append(BucketInfo(name=name, region=f.text("region"), private=f.flag("private", False)))
    marker = page.text("next_marker") if page.flag("is_truncated", True) else ""
    return out, marker


def parse_domains(answer: Answer, body: object) -> list[str]:
    """`["cdn.example.com", ...]`; also accepts the v3 objects `{"domain": ...}`."""
    if not isinstance(body, list):
        raise protocol_error(answer, M.NOT_DOMAIN_LIST)
    out: list[str] = []
    for i, d in enumerate(body):
        if isinstance(d, str):
            name = d
        elif isinstance(d, dict):
            name = Fields(d, answer, f"[{i}].").text("domain")
        else:
            raise bad_field(answer, f"[{i}]")
        if name:
            out.append(name)
    return out


def object_from(f: Fields, key: str | None = None) -> ObjectInfo:
    return ObjectInfo(
        key=key if key is not None else f.text("key"),
        fsize=f.number("fsize", minimum=0),
        hash=f.text("hash"),
        mime_type=f.text("mimeType"),
        put_time=f.number("putTime", minimum=0, maximum=_MAX_PUT_TIME),
        type=f.number("type", minimum=0),
        status=f.number("status", minimum=0),
        end_user=f.text("endUser"),
    )


def parse_list_page(answer: Answer, body: object) -> ListPage:
    page = Fields.of(answer, body)
    items: list[ObjectInfo] = []
    for item in page.objects("items"):
        info = object_from(item)
        if not info.key:
            raise item.bad("key")
        items.append(info)
    return ListPage(
        items=tuple(items),
        prefixes=tuple(page.strings("commonPrefixes")),
        marker=page.text("marker"),
    )


def parse_stat(answer: Answer, body: object, key: str) -> ObjectInfo:
    return object_from(Fields.of(answer, body), key=key)


def parse_persistent_id(answer: Answer, body: object) -> str:
    f = Fields.of(answer, body)
    pid = f.text("persistentId")
    if not pid:
        raise protocol_error(answer, M.NO_PERSISTENT_ID)
    return pid


def _item(f: Fields) -> JobItem:
    return JobItem(
        cmd=f.text("cmd"),
        code=f.number("code", default=-1),
        desc=f.text("desc"),
        error=f.text("error"),
        error_index=f.number("errorIndex", minimum=0) if f.has("errorIndex") else None,
        hash=f.text("hash"),
        key=f.text("key"),
        keys=tuple(f.strings("keys")),
        return_old=f.number("returnOld") == 1,
        result=f.get("result"),
    )


def parse_job_status(answer: Answer, body: object) -> JobStatus:
    """Every field of a prefop answer (top level and items); the whole answer is kept in `raw`."""
    f = Fields.of(answer, body)
    if not f.has("code"):
        raise protocol_error(answer, M.NO_PREFOP_CODE)
    return _job_status(f)


def _job_status(f: Fields) -> JobStatus:
    return JobStatus(
        id=f.text("id"),
        code=f.number("code", default=-1),
        desc=f.text("desc"),
        input_bucket=f.text("inputBucket"),
        input_key=f.text("inputKey"),
        pipeline=f.text("pipeline"),
        reqid=f.text("reqid"),
        items=tuple(_item(i) for i in f.objects("items")),
        type=f.number("type"),
        creation_date=f.text("creationDate"),
        task_from=f.text("taskFrom"),
        raw=f.raw,
    )


def parse_upload(answer: Answer, body: object, key: str | None) -> UploadResult:
    f = Fields.of(answer, body)
    pid = f.text("persistentId")
    return UploadResult(
        key=f.text("key") or (key or ""),
        hash=f.text("hash"),
        persistent_id=pid or None,
        raw=f.raw,
    )
