"""The official Aliyun SDKs, unmodified, against the OSS sandbox (issue 10, point 5).

``alibabacloud-oss-v2`` (V4 by default, and V1) and ``oss2`` (``Auth`` V1 and ``AuthV4``) list
buckets and objects (paged, delimited), put/head/ranged-get, upload 12 MB in parts, are refused
with a wrong secret, and submit ``x-oss-async-process`` work whose outputs are probed with PyAV.
One server serves the whole module; media is a 2-second 320x240 clip made once.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import alibabacloud_oss_v2 as oss
import av
import imageio_ffmpeg
import oss2
import pytest

from qfopgui.sandbox.oss import OssConfig, OssServer

pytestmark = pytest.mark.integration

AK, SK = "oss-test-ak", "oss-test-sk"
SRC, DST = "media-src", "media-dst"
REGION = "cn-hangzhou"
SIGNERS = ["v2-v4", "v2-v1", "oss2-v1", "oss2-v4"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OssServer]:
    data = tmp_path_factory.mktemp("oss")
    srv = OssServer(OssConfig(data_dir=data, credentials=[(AK, SK)], buckets=[SRC, DST], workers=2))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def clip(server: OssServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A 2 s 320x240 H.264/AAC clip uploaded as ``in/clip one.mp4``; returns its key."""
    path = tmp_path_factory.mktemp("media") / "clip.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", str(path),
        ],
        check=True,
    )  # fmt: skip
    key = "in/clip one.mp4"
    server.storage.put_bytes(SRC, key, path.read_bytes())
    return key


def _v2(url: str, version: str, secret: str = SK, endpoint: str | None = None) -> oss.Client:
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(AK, secret)
    cfg.region = REGION
    cfg.endpoint = endpoint or url
    cfg.signature_version = version
    return oss.Client(cfg)


def _oss2(url: str, version: str, bucket: str, secret: str = SK) -> oss2.Bucket:
    auth = oss2.Auth(AK, secret) if version == "v1" else oss2.AuthV4(AK, secret)
    return oss2.Bucket(auth, url, bucket, region=REGION)


@dataclass
class Sdk:
    """One SDK + signer behind the few calls the tests share."""

    name: str
    server: OssServer
    secret: str = SK

    @property
    def url(self) -> str:
        return self.server.base_url

    @property
    def v2(self) -> bool:
        return self.name.startswith("v2")

    @property
    def version(self) -> str:
        return self.name.rsplit("-", 1)[1]

    def client(self) -> oss.Client:
        return _v2(self.url, self.version, self.secret)

    def bucket(self, name: str) -> oss2.Bucket:
        return _oss2(self.url, self.version, name, self.secret)

    def put(self, bucket: str, key: str, data: bytes) -> None:
        if self.v2:
            self.client().put_object(oss.PutObjectRequest(bucket=bucket, key=key, body=data))
        else:
            self.bucket(bucket).put_object(key, data)

    def list_buckets(self) -> list[str]:
        if self.v2:
            return [b.name for b in self.client().list_buckets(oss.ListBucketsRequest()).buckets]
        service = oss2.Service(
            oss2.Auth(AK, self.secret) if self.version == "v1" else oss2.AuthV4(AK, self.secret),
            self.url,
            region=REGION,
        )
        return [b.name for b in oss2.BucketIterator(service)]

    def list_all(
        self, bucket: str, prefix: str, delimiter: str, page: int
    ) -> tuple[list[str], list[str], int]:
        """(keys, common prefixes, pages) over every page of ListObjectsV2."""
        keys: list[str] = []
        prefixes: list[str] = []
        pages = 0
        if self.v2:
            paginator = self.client().list_objects_v2_paginator()
            request = oss.ListObjectsV2Request(
                bucket=bucket, prefix=prefix, delimiter=delimiter, max_keys=page
            )
            for result in paginator.iter_page(request):
                pages += 1
                keys += [o.key for o in result.contents or []]
                prefixes += [p.prefix for p in result.common_prefixes or []]
        else:
            token = ""
            while True:
                result = self.bucket(bucket).list_objects_v2(
                    prefix=prefix, delimiter=delimiter, continuation_token=token, max_keys=page
                )
                pages += 1
                keys += [o.key for o in result.object_list]
                prefixes += list(result.prefix_list)
                if not result.is_truncated:
                    break
                token = result.next_continuation_token
        return keys, prefixes, pages


@pytest.fixture(params=SIGNERS)
def sdk(request: pytest.FixtureRequest, server: OssServer) -> Sdk:
    return Sdk(request.param, server)


def test_list_buckets(sdk: Sdk) -> None:
    assert sdk.list_buckets() == [DST, SRC]


def test_paged_and_delimited_list_objects_v2(sdk: Sdk) -> None:
    root = f"list-{sdk.name}/"
    names = ["a/1.txt", "a/2.txt", "b/x y.txt", "c.txt", "d+e.txt", "f/g/h.txt"]
    for name in names:
        sdk.put(SRC, root + name, b"x")
    keys, prefixes, pages = sdk.list_all(SRC, root, "", page=2)
    assert keys == [root + n for n in names]
    assert (prefixes, pages) == ([], 3)
    keys, prefixes, pages = sdk.list_all(SRC, root, "/", page=2)
    assert keys == [root + "c.txt", root + "d+e.txt"]
    assert prefixes == [root + "a/", root + "b/", root + "f/"]
    assert pages == 3  # 5 entries, 2 a page; a page may end on a common prefix


def test_put_head_and_ranged_get(sdk: Sdk) -> None:
    key = f"objects/{sdk.name}/dir/视频 1+2.bin"
    data = os.urandom(10_000)
    if sdk.v2:
        client = sdk.client()
        put = client.put_object(oss.PutObjectRequest(bucket=SRC, key=key, body=data))
        assert put.hash_crc64
        assert put.request_id
        head = client.head_object(oss.HeadObjectRequest(bucket=SRC, key=key))
        assert head.content_length == len(data)
        assert head.etag == put.etag
        got = client.get_object(
            oss.GetObjectRequest(bucket=SRC, key=key, range_header="bytes=100-199")
        )
        assert got.status_code == 206
        assert got.body.read() == data[100:200]
        whole = client.get_object(oss.GetObjectRequest(bucket=SRC, key=key))
        assert whole.body.read() == data
        client.delete_object(oss.DeleteObjectRequest(bucket=SRC, key=key))
        assert not client.is_object_exist(SRC, key)
    else:
        bucket = sdk.bucket(SRC)
        put = bucket.put_object(key, data)  # oss2 checks x-oss-hash-crc64ecma (enable_crc)
        assert put.crc is not None
        assert put.request_id
        head = bucket.head_object(key)
        assert head.content_length == len(data)
        assert head.etag == put.etag
        ranged = bucket.get_object(key, byte_range=(100, 199))
        assert ranged.status == 206
        assert ranged.read() == data[100:200]
        assert bucket.get_object(key).read() == data
        bucket.delete_object(key)
        assert not bucket.object_exists(key)


def test_missing_object_is_no_such_key(sdk: Sdk) -> None:
    if sdk.v2:
        with pytest.raises(oss.exceptions.OperationError) as err:
            sdk.client().head_object(oss.HeadObjectRequest(bucket=SRC, key="nothing/here"))
        service_error = err.value.unwrap()
        assert (service_error.status_code, service_error.code) == (404, "NoSuchKey")
        assert service_error.request_id
    else:
        with pytest.raises(oss2.exceptions.NoSuchKey) as err2:
            sdk.bucket(SRC).get_object("nothing/here")
        assert err2.value.request_id


def test_multipart_upload_of_12_mb(sdk: Sdk, tmp_path: Path) -> None:
    data = os.urandom(12 * 1024 * 1024)
    key = f"big/{sdk.name}.bin"
    if sdk.v2:
        path = tmp_path / "big.bin"
        path.write_bytes(data)
        uploader = sdk.client().uploader(part_size=5 * 1024 * 1024)
        result = uploader.upload_file(oss.PutObjectRequest(bucket=SRC, key=key), filepath=str(path))
        assert result.etag.endswith('-3"')  # three parts; the uploader checked the CRC-64
    else:
        bucket = sdk.bucket(SRC)
        upload_id = bucket.init_multipart_upload(key).upload_id
        size = 5 * 1024 * 1024
        parts = []
        for number, start in enumerate(range(0, len(data), size), start=1):
            part = bucket.upload_part(key, upload_id, number, data[start : start + size])
            parts.append(oss2.models.PartInfo(number, part.etag))
        listed = bucket.list_parts(key, upload_id)
        assert [p.part_number for p in listed.parts] == [1, 2, 3]
        bucket.complete_multipart_upload(key, upload_id, parts)
        assert bucket.get_object(key, byte_range=(len(data) - 10, None)).read() == data[-10:]
    stored = sdk.server.storage.stat(SRC, key)
    assert stored is not None
    assert stored.path.read_bytes() == data


def test_aborted_multipart_upload_is_gone(server: OssServer) -> None:
    bucket = _oss2(server.base_url, "v4", SRC)
    upload_id = bucket.init_multipart_upload("aborted.bin").upload_id
    bucket.upload_part("aborted.bin", upload_id, 1, b"x" * 1000)
    bucket.abort_multipart_upload("aborted.bin", upload_id)
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.list_parts("aborted.bin", upload_id)


def test_wrong_secret_is_refused(sdk: Sdk) -> None:
    wrong = Sdk(sdk.name, sdk.server, secret="not-the-secret")
    if sdk.v2:
        with pytest.raises(oss.exceptions.OperationError) as err:
            wrong.list_buckets()
        service_error = err.value.unwrap()
        assert (service_error.status_code, service_error.code) == (403, "SignatureDoesNotMatch")
    else:
        with pytest.raises(oss2.exceptions.SignatureDoesNotMatch) as err2:
            wrong.put(SRC, "refused.txt", b"x")
        assert err2.value.status == 403
        assert err2.value.request_id


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _wait_for(server: OssServer, task_id: str) -> Any:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        record = server.worker.task(task_id)
        if record is not None and record.status != "Running":
            return record
        time.sleep(0.05)
    raise AssertionError(f"task {task_id} still running")


def _probe(server: OssServer, bucket: str, key: str) -> dict[str, Any]:
    obj = server.storage.stat(bucket, key)
    assert obj is not None, f"{bucket}/{key} did not appear"
    with av.open(str(obj.path)) as container:
        info: dict[str, Any] = {"duration": (container.duration or 0) / 1e6}
        for stream in container.streams:
            if stream.type == "video":
                info.update(
                    vcodec=stream.codec_context.name, width=stream.width, height=stream.height
                )
            elif stream.type == "audio":
                info["acodec"] = stream.codec_context.name
    return info


@pytest.mark.slow
@pytest.mark.parametrize("name", ["v2-v4", "oss2-v1", "oss2-v4"])
def test_video_convert_into_another_bucket(server: OssServer, clip: str, name: str) -> None:
    out = f"converted/{name}/out.mp4"
    process = (
        "video/convert,f_mp4,vcodec_h264,s_160x120,fps_15,vb_200000,acodec_aac,ab_64000,ac_1"
        f"|sys/saveas,o_{_b64(out)},b_{_b64(DST)}"
    )
    if name.startswith("v2"):
        result = _v2(server.base_url, "v4").async_process_object(
            oss.AsyncProcessObjectRequest(bucket=SRC, key=clip, process=process)
        )
        ids = (result.task_id, result.event_id, result.process_request_id)
    else:
        res = _oss2(server.base_url, name[-2:], SRC).async_process_object(clip, process)
        ids = (res.task_id, res.event_id, res.async_request_id)
    assert ids[0].startswith("MediaConvert-")
    assert all(ids)
    record = _wait_for(server, ids[0])
    assert record.status == "Succeeded", record.message
    info = _probe(server, DST, out)
    assert (info["vcodec"], info["width"], info["height"], info["acodec"]) == (
        "h264",
        160,
        120,
        "aac",
    )
    assert info["duration"] == pytest.approx(2.0, abs=0.3)


@pytest.mark.slow
def test_snapshots_appear_as_numbered_jpegs(server: OssServer, clip: str) -> None:
    process = f"video/snapshots,f_jpg,w_100,h_80,inter_500,num_3|sys/saveas,o_{_b64('thumbs/s')}"
    result = _oss2(server.base_url, "v4", SRC).async_process_object(clip, process)
    assert _wait_for(server, result.task_id).status == "Succeeded"
    keys = [o.key for o in oss2.ObjectIteratorV2(_oss2(server.base_url, "v4", SRC), "thumbs/")]
    assert keys == ["thumbs/s_0_1.jpg", "thumbs/s_0_2.jpg", "thumbs/s_0_3.jpg"]
    info = _probe(server, SRC, keys[0])
    assert (info["vcodec"], info["width"], info["height"]) == ("mjpeg", 100, 80)


@pytest.mark.slow
def test_audio_convert(server: OssServer, clip: str) -> None:
    process = f"audio/convert,f_mp3,ab_64000,ar_22050,t_1000|sys/saveas,o_{_b64('audio/a.mp3')}"
    result = _v2(server.base_url, "v4").async_process_object(
        oss.AsyncProcessObjectRequest(bucket=SRC, key=clip, process=process)
    )
    assert _wait_for(server, result.task_id).status == "Succeeded"
    info = _probe(server, SRC, "audio/a.mp3")
    assert info["acodec"] in ("mp3", "mp3float")
    assert "vcodec" not in info
    assert info["duration"] == pytest.approx(1.0, abs=0.2)


def test_async_process_of_a_missing_source_is_no_such_key(server: OssServer) -> None:
    process = f"video/convert,f_mp4|sys/saveas,o_{_b64('x.mp4')}"
    with pytest.raises(oss2.exceptions.NoSuchKey):
        _oss2(server.base_url, "v1", SRC).async_process_object("missing.mov", process)
    with pytest.raises(oss.exceptions.OperationError) as err:
        _v2(server.base_url, "v4").async_process_object(
            oss.AsyncProcessObjectRequest(bucket=SRC, key="missing.mov", process=process)
        )
    assert err.value.unwrap().code == "NoSuchKey"


def test_v2_sdk_v1_signer_async_process_is_refused_like_real_oss(
    server: OssServer, clip: str
) -> None:
    """The v2 SDK's V1 signer leaves ``?x-oss-async-process`` out of the resource it signs."""
    process = f"video/convert,f_mp4|sys/saveas,o_{_b64('never.mp4')}"
    with pytest.raises(oss.exceptions.OperationError) as err:
        _v2(server.base_url, "v1").async_process_object(
            oss.AsyncProcessObjectRequest(bucket=SRC, key=clip, process=process)
        )
    assert err.value.unwrap().code == "SignatureDoesNotMatch"


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """``*.localhost`` and ``*.oss.local`` resolve to loopback, as a hosts entry would."""
    real: Callable[..., Any] = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith((".localhost", ".oss.local", "oss.local")):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


@pytest.mark.usefixtures("fake_dns")
def test_virtual_hosted_style(server: OssServer) -> None:
    port = server.base_url.rsplit(":", 1)[1]
    client = _v2(server.base_url, "v4", endpoint=f"http://localhost:{port}")
    client.put_object(oss.PutObjectRequest(bucket=SRC, key="vhost/a.txt", body=b"virtual"))
    bucket = oss2.Bucket(oss2.AuthV4(AK, SK), f"http://oss.local:{port}", SRC, region=REGION)
    assert bucket.get_object("vhost/a.txt").read() == b"virtual"
    assert [o.key for o in oss2.ObjectIteratorV2(bucket, "vhost/")] == ["vhost/a.txt"]
    assert server.hits.get("ListObjectsV2", 0) >= 1


def test_bad_parameters_fail_the_task_and_no_output_appears(server: OssServer, clip: str) -> None:
    process = f"video/convert,f_mp4,bogus_1|sys/saveas,o_{_b64('failed/out.mp4')}"
    result = _oss2(server.base_url, "v4", SRC).async_process_object(clip, process)
    record = _wait_for(server, result.task_id)
    assert record.status == "Failed"
    assert "bogus" in record.message
    assert server.storage.stat(SRC, "failed/out.mp4") is None


def _fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_presigned_download_urls(sdk: Sdk) -> None:
    key = f"presigned/{sdk.name}/a b+c.txt"
    sdk.put(SRC, key, b"shared")
    if sdk.v2:
        url = sdk.client().presign(oss.GetObjectRequest(bucket=SRC, key=key)).url
    else:
        url = sdk.bucket(SRC).sign_url("GET", key, 60)
    assert _fetch(url) == (200, b"shared")
    status, body = _fetch(url.replace("presigned", "presigneX", 1))
    assert status == 403
    assert b"SignatureDoesNotMatch" in body


def test_an_expired_presigned_url_is_refused(server: OssServer) -> None:
    bucket = _oss2(server.base_url, "v1", SRC)
    bucket.put_object("presigned/expired.txt", b"x")
    url = bucket.sign_url("GET", "presigned/expired.txt", -10)
    status, body = _fetch(url)
    assert status == 403
    assert b"<Code>AccessDenied</Code>" in body


def test_bucket_info_location_and_existence(server: OssServer) -> None:
    client = _v2(server.base_url, "v4")
    info = client.get_bucket_info(oss.GetBucketInfoRequest(bucket=SRC)).bucket_info
    assert (info.name, info.location) == (SRC, f"oss-{REGION}")
    location = client.get_bucket_location(oss.GetBucketLocationRequest(bucket=SRC)).location
    assert location == f"oss-{REGION}"
    assert client.is_bucket_exist(SRC)
    assert not client.is_bucket_exist("no-such-bucket")
    bucket = _oss2(server.base_url, "v1", SRC)
    assert bucket.get_bucket_info().location == f"oss-{REGION}"
    assert bucket.get_bucket_location().location == f"oss-{REGION}"


def test_delete_multiple_objects(server: OssServer) -> None:
    keys = ["batch/a b.txt", "batch/ü+1.txt", "batch/c.txt"]
    for key in keys:
        server.storage.put_bytes(SRC, key, b"x")
    result = _oss2(server.base_url, "v4", SRC).batch_delete_objects(keys[:2])
    assert sorted(result.deleted_keys) == sorted(keys[:2])
    client = _v2(server.base_url, "v4")
    deleted = client.delete_multiple_objects(
        oss.DeleteMultipleObjectsRequest(bucket=SRC, objects=[oss.DeleteObject(key=keys[2])])
    )
    assert [d.key for d in deleted.deleted_objects] == [keys[2]]
    assert all(server.storage.stat(SRC, k) is None for k in keys)


def test_v2_downloader_reads_12_mb_in_ranges_and_checks_the_crc(
    server: OssServer, tmp_path: Path
) -> None:
    data = os.urandom(12 * 1024 * 1024)
    client = _v2(server.base_url, "v4")
    client.put_object(oss.PutObjectRequest(bucket=SRC, key="big/download.bin", body=data))
    target = tmp_path / "download.bin"
    downloader = client.downloader(part_size=4 * 1024 * 1024)
    result = downloader.download_file(
        oss.GetObjectRequest(bucket=SRC, key="big/download.bin"), filepath=str(target)
    )
    assert result.written == len(data)
    assert target.read_bytes() == data
