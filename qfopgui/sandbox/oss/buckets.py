"""Bucket-level routes besides listing: GetBucketInfo, GetBucketLocation, GetBucketAcl (the v2
SDK's ``is_bucket_exist``) and DeleteMultipleObjects."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import quote
from xml.sax.saxutils import escape

from qfopgui.sandbox.oss.answers import OssError, iso_time, xml_response
from qfopgui.sandbox.oss.checksums import check_content_md5
from qfopgui.sandbox.oss.model import OssContext, OssRequest
from qfopgui.sandbox.routes.common import Response

MAX_DELETE = 1000


def _owner(ctx: OssContext) -> str:
    owner = escape(ctx.config.owner_id)
    return f"<Owner><DisplayName>{owner}</DisplayName><ID>{owner}</ID></Owner>"


def bucket_info(ctx: OssContext, req: OssRequest) -> Response:
    row = ctx.storage.bucket(req.bucket)
    if row is None:  # deleted since dispatch checked it
        raise OssError(404, "NoSuchBucket", "The specified bucket does not exist.")
    region = escape(ctx.config.region)
    endpoint = escape(ctx.base_url().split("://", 1)[1])
    body = (
        "<BucketInfo><Bucket><AccessMonitor>Disabled</AccessMonitor>"
        f"<CreationDate>{iso_time(row.ctime)}</CreationDate>"
        f"<ExtranetEndpoint>{endpoint}</ExtranetEndpoint>"
        f"<IntranetEndpoint>{endpoint}</IntranetEndpoint>"
        f"<Location>oss-{region}</Location><StorageClass>Standard</StorageClass>"
        "<TransferAcceleration>Disabled</TransferAcceleration>"
        "<CrossRegionReplication>Disabled</CrossRegionReplication>"
        f"<Name>{escape(row.name)}</Name>{_owner(ctx)}"
        "<AccessControlList><Grant>private</Grant></AccessControlList><Comment></Comment>"
        "<DataRedundancyType>LRS</DataRedundancyType>"
        "<ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule>"
        "</Bucket></BucketInfo>"
    )
    return xml_response(body)


def bucket_location(ctx: OssContext, req: OssRequest) -> Response:
    region = escape(ctx.config.region)
    return xml_response(f"<LocationConstraint>oss-{region}</LocationConstraint>")


def bucket_acl(ctx: OssContext, req: OssRequest) -> Response:
    body = (
        f"<AccessControlPolicy>{_owner(ctx)}"
        "<AccessControlList><Grant>private</Grant></AccessControlList></AccessControlPolicy>"
    )
    return xml_response(body)


def delete_multiple(ctx: OssContext, req: OssRequest) -> Response:
    """``POST /?delete``: plain keys in; answered URL-encoded when ``encoding-type=url``."""
    check_content_md5(req.header("Content-MD5"), req.body)
    try:
        root = ET.fromstring(req.body)
    except ET.ParseError as exc:
        raise OssError(400, "MalformedXML", "The XML you provided was not well-formed.") from exc
    keys = [node.findtext("Key") or "" for node in root.iter("Object")]
    if not keys or len(keys) > MAX_DELETE or not all(keys):
        raise OssError(400, "MalformedXML", "Name 1 to 1000 objects, each with a Key.")
    url = req.param("encoding-type") == "url"
    for key in keys:
        ctx.storage.delete(req.bucket, key)
    quiet = (root.findtext("Quiet") or "").strip().lower() == "true"
    deleted = (
        ""
        if quiet
        else "".join(
            f"<Deleted><Key>{escape(quote(k, safe='') if url else k)}</Key></Deleted>" for k in keys
        )
    )
    encoding = "<EncodingType>url</EncodingType>" if url else ""
    return xml_response(f"<DeleteResult>{encoding}{deleted}</DeleteResult>")
