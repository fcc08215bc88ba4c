"""Test-side clients for the OSS sandbox's emulated IMM GetTask and MNS queues.

Each signs its requests with an implementation of the documented scheme written here, apart
from the sandbox's verifiers, so a shared mistake cannot make both agree:

* Aliyun RPC (POP) signature v1.0: every parameter but Signature, names and values
  percent-encoded per RFC 3986 (``A-Za-z0-9-_.~`` kept, upper-case hex), sorted by name,
  ``k=v`` joined with ``&``; StringToSign = ``METHOD&%2F&`` + encode(that); Signature =
  base64(HMAC-SHA1(secret + "&", StringToSign)).
* MNS: StringToSign = VERB\\nContent-MD5\\nContent-Type\\nDate\\n + sorted lower-case
  ``x-mns-*`` ``name:value\\n`` lines + resource (path and query); Signature =
  base64(HMAC-SHA1(secret, StringToSign)); header ``Authorization: MNS <ak>:<signature>``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any
from urllib.parse import urlsplit

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
NS = "{http://mns.aliyuncs.com/doc/v1/}"


def pop_encode(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        out.append(ch if ch in _UNRESERVED else f"%{byte:02X}")
    return "".join(out)


def pop_sign(method: str, params: dict[str, str], secret: str) -> str:
    canonical = "&".join(
        pop_encode(k) + "=" + pop_encode(params[k]) for k in sorted(params) if k != "Signature"
    )
    to_sign = method + "&" + pop_encode("/") + "&" + pop_encode(canonical)
    mac = hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode()


def _port(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


def get_task(
    imm_url: str,
    ak: str,
    secret: str,
    extra: dict[str, str],
    *,
    method: str = "GET",
    timestamp: str | None = None,
    nonce: str | None = None,
) -> tuple[int, dict[str, Any]]:
    """One signed RPC call (Action=GetTask unless ``extra`` says otherwise)."""
    params = {
        "Action": "GetTask",
        "Format": "JSON",
        "Version": "2020-09-30",
        "AccessKeyId": ak,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "Timestamp": timestamp or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **extra,
    }
    params["Signature"] = pop_sign(method, params, secret)
    encoded = "&".join(f"{pop_encode(k)}={pop_encode(v)}" for k, v in params.items())
    conn = http.client.HTTPConnection("127.0.0.1", _port(imm_url), timeout=10)
    try:
        if method == "POST":
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            conn.request("POST", "/", body=encoded.encode(), headers=headers)
        else:
            conn.request(method, "/?" + encoded)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")
    finally:
        conn.close()


def mns_sign(method: str, resource: str, headers: dict[str, str], secret: str) -> str:
    low = {k.lower(): v for k, v in headers.items()}
    mns = "".join(f"{k}:{low[k]}\n" for k in sorted(low) if k.startswith("x-mns-"))
    to_sign = (
        f"{method}\n{low.get('content-md5', '')}\n{low.get('content-type', '')}\n"
        f"{low.get('date', '')}\n{mns}{resource}"
    )
    mac = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode()


def mns_call(
    mns_url: str, ak: str, secret: str, method: str, resource: str, *, timeout: float = 40
) -> tuple[int, ET.Element | None]:
    """One signed MNS call; the parsed XML root (None for an empty body)."""
    headers = {
        "Date": formatdate(usegmt=True),
        "x-mns-version": "2015-06-06",
        "Content-Type": "text/xml;charset=utf-8",
    }
    headers["Authorization"] = f"MNS {ak}:{mns_sign(method, resource, headers, secret)}"
    conn = http.client.HTTPConnection("127.0.0.1", _port(mns_url), timeout=timeout)
    try:
        conn.request(method, resource, headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, ET.fromstring(body) if body else None
    finally:
        conn.close()


def fields(root: ET.Element) -> dict[str, str]:
    """Children of an MNS <Message>/<Error> by tag (namespace dropped)."""
    return {child.tag.removeprefix(NS): child.text or "" for child in root}


def decoded_body(message: dict[str, str]) -> dict[str, Any]:
    """The JSON a notify message carries (its MessageBody is base64)."""
    payload: dict[str, Any] = json.loads(base64.b64decode(message["MessageBody"]))
    return payload
