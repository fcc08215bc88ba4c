"""Every sentence the API layer puts in a ``QiniuError.message``, as ``str.format`` templates.

They live in one place so the UI can translate them (``QiniuError.template``/``params``) and
recognise them again in text stored earlier (a failed job's error column).
Curly quotes around names are part of the sentence; ``{server}`` is the server's own words.
"""

from __future__ import annotations

TOKEN_EXPIRED = "The upload or download token has expired. Try again to get a fresh one."
BAD_KEYS = (
    "The AccessKey or SecretKey is wrong, or the key was disabled. "
    "Check them in the account settings."
)
NO_SUCH_BUCKET = "Bucket “{bucket}” does not exist in this account or region."
NO_SUCH_BUCKET_UNNAMED = "The bucket does not exist in this account or region."
FILE_NOT_FOUND = (
    "The file was not found (“{key}” in “{bucket}”). It may have been deleted or renamed."
)
FILE_NOT_FOUND_UNNAMED = "The file was not found. It may have been deleted or renamed."
JOB_NOT_FOUND = (
    "The processing job “{id}” was not found. "
    "It may have expired or belong to another account or region."
)
NO_SUCH_PIPELINE = (
    "The processing queue “{pipeline}” does not exist on this account. "
    "Create it in the Qiniu console, or pick another queue in Pipelines."
)
BAD_REQUEST = "The server rejected the request as invalid: {server}"
BAD_REQUEST_PLAIN = "The server rejected the request as invalid."
FORBIDDEN = (
    "This key is not allowed to do that ({server}). Check the bucket permissions and upload policy."
)
FORBIDDEN_PLAIN = (
    "This key is not allowed to do that. Check the bucket permissions and upload policy."
)
RATE_LIMITED = "Too many requests for the same resource. Wait a moment and try again."
CALLBACK_FAILED = "The file was uploaded, but the upload callback to your server failed."
ALREADY_EXISTS = "A file with this name already exists."
INVALID_MARKER = "The listing position is no longer valid. Reload the list from the start."
SERVER_FAILED = "The Qiniu server failed to handle the request. Try again later."
CHECKSUM = "The upload was damaged in transit (checksum mismatch). Try again."
PART_CHECKSUM = "The upload was damaged in transit (part checksum mismatch). Try again."
TOO_LARGE = "The file is larger than the upload policy allows."
REFUSED = "The server refused the request (HTTP {code}): {server}"
REFUSED_PLAIN = "The server refused the request (HTTP {code})."
NOT_UNDERSTOOD = (
    "The server's answer was not understood ({why}) — not a Qiniu server? "
    "Check the region or host settings."
)
BUCKET_LIST_LOOPS = "The bucket list repeats itself — not a Qiniu server?"
LISTING_LOOPS = "The listing repeats itself — not a Qiniu server?"
BAD_FIELD = (
    "The server's answer was not understood (the field “{field}” has a wrong type or value) — "
    "not a Qiniu server? Check the region or host settings."
)
BUCKET_LIST_ENDLESS = "The bucket list did not end after {pages} pages — not a Qiniu server?"
LISTING_ENDLESS = (
    "The listing sent {pages} empty pages in a row without ending — not a Qiniu server?"
)
TIMEOUT = (
    "{host} did not answer in time. The server may or may not have received the request. "
    "Check the network connection or try again later."
)
DEADLINE = (
    "{host} did not finish answering within {seconds} seconds. The server may or may not have "
    "received the request. Check the network connection or try again later."
)
CONNECTION_LOST = (
    "The connection to {host} broke before the whole answer arrived. The server may or may not "
    "have received the request. Check the network connection or try again later."
)
NO_CONNECTION = (
    "Could not connect to {host}. Check the network connection and the region or host settings."
)

# Aliyun OSS (``qfopgui.api.oss``): the sentences that differ from Qiniu's.
OSS_FORBIDDEN = (
    "This AccessKey is not allowed to do that ({server}). "
    "Check its RAM permissions on the bucket in the Aliyun console."
)
OSS_CLOCK_SKEW = (
    "This computer's clock differs from the OSS server's by more than 15 minutes. "
    "Correct the date and time, then try again."
)
OSS_SERVER_FAILED = "The Aliyun OSS server failed to handle the request. Try again later."
OSS_NOT_UNDERSTOOD = (
    "The server's answer was not understood ({why}) — not an Aliyun OSS server? "
    "Check the region or endpoint settings."
)
OSS_UPLOAD_GONE = "The multipart upload no longer exists on the server. Start the upload again."
OSS_BAD_BUCKET_NAME = (
    "“{bucket}” is not a valid OSS bucket name. Use 3 to 63 lower-case letters, digits and "
    "hyphens, not starting or ending with a hyphen."
)
OSS_BAD_KEY = "The object name is empty or too long. Use 1 to 1023 bytes."

# Why an answer was not understood (the ``{why}`` of NOT_UNDERSTOOD).
NO_REQID = "no X-Reqid header"
NOT_JSON = "the body is not JSON"
NOT_OBJECT = "expected a JSON object"
NOT_DOMAIN_LIST = "expected a JSON list of domains"
NO_PERSISTENT_ID = "no persistentId in the pfop answer"
NO_PREFOP_CODE = "no code in the prefop answer"
NO_UPLOAD_ID = "no uploadId in the multipart init answer"
NO_ETAG = "no etag in the part answer"
NOT_UTF8 = "the body is not UTF-8 text"
TOO_DEEP = "the JSON is nested too deeply"
BAD_NUMBER = "the JSON holds a number that is out of range"
BODY_TOO_LARGE = "the answer is too large"
BAD_ENCODING = "the compressed body is damaged"
NO_TASK_ID = "no TaskId in the async processing answer"
OSS_BAD_ANSWER = "the answer does not have the shape OSS uses"

MESSAGES: tuple[str, ...] = (
    TOKEN_EXPIRED,
    BAD_KEYS,
    NO_SUCH_BUCKET,
    NO_SUCH_BUCKET_UNNAMED,
    FILE_NOT_FOUND,
    FILE_NOT_FOUND_UNNAMED,
    JOB_NOT_FOUND,
    NO_SUCH_PIPELINE,
    BAD_REQUEST,
    BAD_REQUEST_PLAIN,
    FORBIDDEN,
    FORBIDDEN_PLAIN,
    RATE_LIMITED,
    CALLBACK_FAILED,
    ALREADY_EXISTS,
    INVALID_MARKER,
    SERVER_FAILED,
    CHECKSUM,
    PART_CHECKSUM,
    TOO_LARGE,
    REFUSED,
    REFUSED_PLAIN,
    NOT_UNDERSTOOD,
    BUCKET_LIST_LOOPS,
    LISTING_LOOPS,
    TIMEOUT,
    NO_CONNECTION,
    BAD_FIELD,
    BUCKET_LIST_ENDLESS,
    LISTING_ENDLESS,
    DEADLINE,
    CONNECTION_LOST,
    OSS_FORBIDDEN,
    OSS_CLOCK_SKEW,
    OSS_SERVER_FAILED,
    OSS_NOT_UNDERSTOOD,
    OSS_UPLOAD_GONE,
    OSS_BAD_BUCKET_NAME,
    OSS_BAD_KEY,
)
REASONS: tuple[str, ...] = (
    NO_REQID,
    NOT_JSON,
    NOT_OBJECT,
    NOT_DOMAIN_LIST,
    NO_PERSISTENT_ID,
    NO_PREFOP_CODE,
    NO_UPLOAD_ID,
    NO_ETAG,
    NOT_UTF8,
    TOO_DEEP,
    BAD_NUMBER,
    BODY_TOO_LARGE,
    BAD_ENCODING,
    NO_TASK_ID,
    OSS_BAD_ANSWER,
)
