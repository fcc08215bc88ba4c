"""A sandbox with buckets in two regions: one listener per region, `/v4/query` per bucket,
and a bucket's requests on another region's port refused with the service's words."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.errors import BadRequestError
from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.cli import main
from qfopgui.sandbox.regions import split_bucket_spec
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK, sandbox_config
from tests.unit.sandbox.fakes import FakeProcessor
from tests.unit.sandbox.test_cli import _launch, _terminate

EAST, SOUTH = "east-bucket", "south-bucket"


@pytest.fixture
def two_regions(
    sandbox_factory: Callable[..., SandboxServer], fake_processor: FakeProcessor
) -> SandboxServer:
    server = sandbox_factory(
        processor_factory=lambda storage, config: fake_processor,
        buckets=[EAST, f"{SOUTH}@z2"],
        pipelines=["video-hd"],
    )
    server.storage.put_bytes(EAST, "k", b"east")
    server.storage.put_bytes(SOUTH, "k", b"south")
    return server


def client_on(url: str) -> QiniuClient:
    """A client with explicit hosts (no discovery), so it goes exactly where told."""
    return QiniuClient(Credentials(SANDBOX_AK, SANDBOX_SK), Endpoints.single(url), max_retries=0)


def test_one_listener_per_region(two_regions: SandboxServer) -> None:
    urls = two_regions.region_urls
    assert set(urls) == {"z0", "z2"}
    assert urls["z0"] == two_regions.base_url
    assert urls["z2"] != urls["z0"]
    rows = {r.name: r.region for r in two_regions.storage.buckets()}
    assert rows == {EAST: "z0", SOUTH: "z2"}


def test_region_query_answers_each_buckets_region(two_regions: SandboxServer) -> None:
    urls = two_regions.region_urls
    for bucket, region in ((EAST, "z0"), (SOUTH, "z2")):
        body = requests.get(
            f"{urls['z0']}/v4/query", params={"ak": SANDBOX_AK, "bucket": bucket}, timeout=5
        ).json()
        hosts = body["hosts"][0]
        me = urls[region].split("://", 1)[1]
        assert hosts["region"] == region
        for service in ("io", "rs", "rsf", "api"):
            assert hosts[service]["domains"] == [me]
        assert hosts["up"]["domains"][0] == me
        assert hosts["uc"]["domains"] == [urls["z0"].split("://", 1)[1]]  # uc: the main port
    assert two_regions.domain(SOUTH) == f"{urls['z2'].split('://', 1)[1]}/dl/{SOUTH}"


def test_wrong_region_port_refuses_stat_upload_pfop_list(two_regions: SandboxServer) -> None:
    z0, z2 = two_regions.region_urls["z0"], two_regions.region_urls["z2"]
    wrong = client_on(z0)
    with pytest.raises(BadRequestError) as info:
        wrong.stat(SOUTH, "k")
    assert (info.value.status, info.value.server_message) == (400, "incorrect zone")
    with pytest.raises(BadRequestError) as info:
        wrong.pfop(SOUTH, "k", ["avinfo"], pipeline="video-hd")
    assert info.value.server_message == "incorrect zone"
    with pytest.raises(BadRequestError) as info:
        wrong.list_page(SOUTH)
    assert info.value.server_message == "incorrect zone"
    with pytest.raises(BadRequestError) as info:
        wrong.upload_bytes(SOUTH, "new", b"data")
    assert info.value.server_message == f"incorrect region, please use {z2.split('://')[1]}"
    assert two_regions.storage.stat(SOUTH, "new") is None  # refused: nothing stored
    # the other way round, and the v2 multipart init
    with pytest.raises(BadRequestError, match="incorrect zone"):
        client_on(z2).stat(EAST, "k")
    with pytest.raises(BadRequestError, match="incorrect region"):
        client_on(z0).multipart_session(SOUTH, "big").init(wrong.upload_token(SOUTH, "big"))


def test_right_region_port_serves_and_counts_per_listener(two_regions: SandboxServer) -> None:
    z0, z2 = two_regions.region_urls["z0"], two_regions.region_urls["z2"]
    assert client_on(z2).stat(SOUTH, "k").fsize == 5
    assert client_on(z0).stat(EAST, "k").fsize == 4
    assert client_on(z2).upload_bytes(SOUTH, "up", b"x").key == "up"
    # uc calls and prefop are served on any listener
    names = {b.name: b.region for b in client_on(z2).list_buckets()}
    assert names == {EAST: "z0", SOUTH: "z2"}
    assert two_regions.hits_in("z2")["stat"] == 1
    assert two_regions.hits_in("z0")["stat"] == 1
    assert two_regions.hits_in("z2")["form_upload"] == 1
    assert two_regions.hits_in("z0")["form_upload"] == 0
    assert two_regions.hits["stat"] == 2


def test_job_ids_carry_the_buckets_region(two_regions: SandboxServer) -> None:
    urls = two_regions.region_urls
    south = client_on(urls["z2"]).pfop(SOUTH, "k", ["avinfo"], pipeline="video-hd")
    east = client_on(urls["z0"]).pfop(EAST, "k", ["avinfo"], pipeline="video-hd")
    assert (south.split(".")[0], east.split(".")[0]) == ("z2", "z0")


def test_batch_op_on_another_regions_bucket_fails_alone(two_regions: SandboxServer) -> None:
    from qiniu import QiniuMacAuth
    from qiniu.utils import entry

    url = f"{two_regions.region_urls['z0']}/batch"
    body = f"op=/stat/{entry(EAST, 'k')}&op=/stat/{entry(SOUTH, 'k')}"
    ctype = "application/x-www-form-urlencoded"
    auth = QiniuMacAuth(SANDBOX_AK, SANDBOX_SK)
    token = auth.token_of_request("POST", None, url, "", ctype, body)
    resp = requests.post(
        url,
        data=body,
        headers={"Content-Type": ctype, "Authorization": f"Qiniu {token}"},
        timeout=5,
    )
    assert resp.status_code == 298
    items = resp.json()
    assert [item["code"] for item in items] == [200, 400]
    assert items[1]["data"] == {"error": "incorrect zone"}


def test_v1_resumable_on_the_wrong_port_is_refused(two_regions: SandboxServer) -> None:
    z0 = two_regions.region_urls["z0"]
    token = client_on(z0).upload_token(SOUTH, "v1")
    answer = requests.post(
        f"{z0}/mkblk/4", data=b"abcd", headers={"Authorization": f"UpToken {token}"}, timeout=5
    )
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("incorrect region, please use ")
    entry = base64.urlsafe_b64encode(f"{SOUTH}:k".encode()).decode()
    assert requests.post(f"{z0}/stat/{entry}", timeout=5).json() == {"error": "incorrect zone"}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("a-b", ("a-b", "z0")), ("a-b@z2", ("a-b", "z2")), ("x@cn-east-2", ("x", "cn-east-2"))],
)
def test_bucket_specs(spec: str, expected: tuple[str, str]) -> None:
    assert split_bucket_spec(spec) == expected


@pytest.mark.parametrize(
    "spec", ["bucket@", "bucket@Z2", "bucket@z", "bucket@a_b", "b@" + "x" * 33]
)
def test_bad_region_is_refused(tmp_path: Path, spec: str) -> None:
    with pytest.raises(ValueError, match="invalid region"):
        sandbox_config(tmp_path, buckets=[spec])


def test_regions_of_config(tmp_path: Path) -> None:
    cfg = sandbox_config(tmp_path, buckets=["a-a@z2", "b-b"], private_buckets=["c-c@na0"])
    assert cfg.regions == ("z0", "na0", "z2")
    assert cfg.bucket_regions == [("a-a", "z2", False), ("b-b", "z0", False), ("c-c", "na0", True)]


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM semantics differ on Windows")
def test_cli_announces_each_regions_url(tmp_path: Path) -> None:
    args = ["--data", str(tmp_path / "d"), "--access-key", "ak", "--secret-key", "sk"]
    proc, info = _launch([*args, "--bucket", "east-one", "--bucket", "south-one@z2"])
    try:
        assert set(info["regions"]) == {"z0", "z2"}
        assert info["regions"]["z0"] == info["base_url"]
        query = requests.get(
            f"{info['base_url']}/v4/query", params={"ak": "ak", "bucket": "south-one"}, timeout=5
        ).json()["hosts"][0]
        assert query["rs"]["domains"] == [info["regions"]["z2"].split("://", 1)[1]]
    finally:
        assert _terminate(proc) == 0


def test_cli_refuses_a_bad_region(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="invalid region"):
        main(["--data", str(tmp_path), "--bucket", "b-b@Z2!"])
