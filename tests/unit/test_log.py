from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from qfopgui.log import RedactingFilter, setup_logging, shutdown_logging

SK = "s3cr3t-SK-abcdefghijklmnopqrstuvwxyz0123"


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[tuple[RedactingFilter, Path]]:
    redactor = setup_logging(tmp_path)
    yield redactor, tmp_path / "qfopgui.log"
    shutdown_logging()


def read(path: Path) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return path.read_text(encoding="utf-8")


def test_registered_secret_never_reaches_the_file(logged: tuple[RedactingFilter, Path]) -> None:
    redactor, path = logged
    redactor.add_secret(SK)
    log = logging.getLogger("qfopgui.test")
    log.info("key is %s", SK)
    log.warning(f"inline {SK} too")
    try:
        raise ValueError(f"boom with {SK}")
    except ValueError:
        log.exception("failed")
    text = read(path)
    assert SK not in text
    assert text.count("***") >= 3
    assert "boom with ***" in text


@pytest.mark.parametrize(
    ("message", "leak"),
    [
        ("Authorization: Qiniu AKAKAK:c2lnbmF0dXJlLXNpZ25hdHVyZS0xMjM0NTY3OA==", "c2lnbmF0dXJl"),
        ("headers={'Authorization': 'QBox myak:AbCdEfGhIjKlMnOpQrStUvWxYz0='}", "AbCdEfGh"),
        ("GET http://h/dl/a.mp4?e=1700003600&token=MY_AK:7twYPaSGvz1CUDrQakgRXoSFDpw=", "7twYPaS"),
        (
            "upload token MY_ACCESS_KEY:abcdefghijklmnopqrstuvwxyz0=:eyJzY29wZSI6ImJ1Y2tldCJ9",
            "eyJzY29wZSI6",
        ),
        ('{"uptoken": "AK:sig:policyxyz"}', "policyxyz"),
    ],
)
def test_tokens_and_headers_are_masked(
    logged: tuple[RedactingFilter, Path], message: str, leak: str
) -> None:
    _redactor, path = logged
    logging.getLogger("qfopgui.test").info(message)
    text = read(path)
    assert leak not in text
    assert "***" in text


def test_plain_messages_are_left_alone(logged: tuple[RedactingFilter, Path]) -> None:
    _redactor, path = logged
    logging.getLogger("qfopgui.test").info("listed 3 buckets for profile %s", "Production")
    assert "listed 3 buckets for profile Production" in read(path)


def test_setup_twice_does_not_stack_handlers(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    setup_logging(tmp_path)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_qfopgui_handler", False)]
    shutdown_logging()
    assert len(ours) == 1
