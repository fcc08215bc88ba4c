"""English texts of the preset form: new labels, tooltips, groups, units and choice labels.

Labels of model parameters are not here — they come from the models' ``ParamSpec`` tables.
Everything here is translated in the ``fop_params`` context (``schema.form_texts()``).
"""

from __future__ import annotations

from collections.abc import Mapping

# groups
OUTPUT = "Output"
VIDEO = "Video"
AUDIO = "Audio"
CLIP = "Clip"
HLS = "HLS"
WATERMARK = "Watermark"
PICTURE = "Picture"

# units not used by the model tables
PIXELS = "pixels"
FPS = "frames per second"
SECONDS = "seconds"

# labels of form-only fields
CONTAINER = "Container"
RESOLUTION = "Resolution"
MONO = "Mono (1 channel)"
STEREO = "Stereo (2 channels)"

CONTAINERS: Mapping[str, str] = {
    "mp4": "MP4 video",
    "m3u8": "HLS stream (m3u8)",
    "flv": "FLV video",
    "mov": "QuickTime video (mov)",
    "webm": "WebM video",
    "gif": "Animated GIF",
    "mp3": "MP3 audio",
    "aac": "AAC audio",
    "m4a": "M4A audio",
}
VIDEO_CODECS: Mapping[str, str] = {
    "libx264": "H.264 (libx264)",
    "libx265": "H.265 / HEVC (libx265)",
    "libvpx-vp9": "VP9 (libvpx-vp9)",
    "libvpx": "VP8 (libvpx)",
}
AUDIO_CODECS: Mapping[str, str] = {
    "aac": "AAC (aac)",
    "libfdk_aac": "AAC, Fraunhofer encoder (libfdk_aac)",
    "libmp3lame": "MP3 (libmp3lame)",
    "libvorbis": "Vorbis (libvorbis)",
}
RESOLUTION_LABELS: Mapping[str, str] = {
    "source": "Same as the source",
    "480p": "480p SD (854×480)",
    "720p": "720p HD (1280×720)",
    "1080p": "1080p Full HD (1920×1080)",
    "2160p": "4K Ultra HD (3840×2160)",
    "custom": "Custom size",
}
# labels of the model's enums, by enum class name and member value
CHOICE_LABELS: Mapping[str, Mapping[str, str]] = {
    "Rotate": {
        "90": "90° clockwise",
        "180": "Upside down (180°)",
        "270": "90° counter-clockwise",
        "auto": "Follow the video's rotation tag",
    },
    "Gravity": {
        "NorthWest": "Top left",
        "North": "Top center",
        "NorthEast": "Top right",
        "West": "Middle left",
        "Center": "Center",
        "East": "Middle right",
        "SouthWest": "Bottom left",
        "South": "Bottom center",
        "SouthEast": "Bottom right",
    },
    "ImageFormat": {"jpg": "JPG picture", "png": "PNG picture"},
}

# tooltips: one sentence each, for the people who pick the settings
TIP_CONTAINER = "The kind of file to make; choose HLS (m3u8) for streaming in segments."
TIP_VCODEC = "How the picture is compressed; H.264 plays almost everywhere."
TIP_RESOLUTION = "A common picture size, or Custom size to type your own."
TIP_SIZE = "The picture size as width x height in pixels, for example 1280x720."
TIP_AUTOSCALE = "Fit the video inside the size without stretching it, so nothing looks squashed."
TIP_VB = (
    "How much data per second the picture may use, like 2m or 800k; more looks better but "
    "makes bigger files."
)
TIP_CRF = (
    "Constant quality instead of a fixed bitrate: lower numbers look better and make bigger files."
)
TIP_R = "How many pictures per second the video shows, for example 25 or 30."
TIP_GOP = "How many frames may pass between two full pictures; 0 lets the encoder decide."
TIP_ROTATE = "Turn the picture; use the video's rotation tag to straighten phone recordings."
TIP_VN = "Leave the picture out, for example to keep only the sound."
TIP_ACODEC = "How the sound is compressed; AAC suits MP4 and MP3 suits MP3 files."
TIP_AB = "How much data per second the sound may use, like 128k; more sounds better."
TIP_AQ = (
    "Variable quality instead of a fixed audio bitrate: 0–9 for MP3 and 10–500 for AAC, "
    "lower is better."
)
TIP_AR = "How many sound samples per second, for example 44100 or 48000."
TIP_AC = "Number of sound channels: 1 for mono, 2 for stereo."
TIP_AN = "Leave the sound out, for example for a silent clip."
TIP_SS = "Where in the source the result starts, in seconds from the beginning."
TIP_T = "How long the result is, in seconds; leave empty to go to the end."
TIP_STRIPMETA = "Remove the source's metadata (title, location, camera) from the result."
TIP_SEGTIME = "How long each HLS segment is, in seconds (10 if left empty)."
TIP_SEG_FIRST = "A different length for the first segment only, so playback starts sooner."
TIP_NO_DOMAIN = "Write segment addresses without a domain, so the playlist works on any domain."
TIP_HLS_KEY = "A 16-byte AES key in URL-safe base64 to encrypt the segments; leave empty for none."
TIP_HLS_KEY_TYPE = "0 for a plain key, or 1.x when the key is encrypted with Qiniu's public key."
TIP_HLS_KEY_URL = "The address players fetch the key from, written into the playlist."
TIP_WM_IMAGE = "Address of a picture to put over the video, such as a logo."
TIP_WM_GRAVITY = "Which corner or edge of the video the watermark picture sits at."
TIP_WM_X = "How far the watermark picture moves to the right, in pixels."
TIP_WM_Y = "How far the watermark picture moves down, in pixels."
TIP_WM_TEXT = "Words to put over the video instead of a picture."
TIP_WM_GRAVITY_TEXT = "Which corner or edge of the video the watermark text sits at."
TIP_WM_FONT = "The font of the watermark text; Chinese text needs a Chinese font."
TIP_WM_COLOR = "The color of the watermark text, as a name like red or a code like #FF0000."
TIP_WM_SIZE = "The size of the watermark text in twips (20 twips = 1 point); 0 means default."
TIP_PICTURE_FORMAT = "JPG makes smaller files; PNG keeps every detail."
TIP_OFFSET = "The moment of the video to take the picture from, in seconds."
TIP_W = "Picture width in pixels; give only width or height to keep the proportions."
TIP_H = "Picture height in pixels; give only width or height to keep the proportions."
TIP_VSAMPLE_SS = "Where in the video the pictures start, in seconds."
TIP_VSAMPLE_T = "How many seconds of video to take pictures from."
TIP_VSAMPLE_SIZE = "Picture size as width x height; leave one side empty to keep proportions."
TIP_INTERVAL = "Seconds between two pictures (5 if left empty)."
TIP_FRAMES = "How many pictures to take, spread over the time range."
TIP_PATTERN = "File names of the pictures; $(count) is replaced by the picture's number."
