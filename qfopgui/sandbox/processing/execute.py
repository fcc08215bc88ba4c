"""Run one pfop command: pipe steps through ffmpeg, then store the outputs in the sandbox."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.ffmpeg_args import build_plan
from qfopgui.sandbox.processing.fopparse import Command, urlsafe_b64
from qfopgui.sandbox.processing.plan import BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.probe import ProbeError, avinfo
from qfopgui.sandbox.processing.runner import FfmpegError, Runner
from qfopgui.sandbox.processing.tasks import DONE, FAILED

FAILED_PREFIX = "execute fop cmd failed: "
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class ObjectLike(Protocol):
    @property
    def hash(self) -> str: ...
    @property
    def path(self) -> Path: ...


class StorageLike(Protocol):
    """The part of `qfopgui.sandbox.storage.Storage` the processor uses (thread-safe)."""

    def bucket_exists(self, name: str) -> bool: ...
    def stat(self, bucket: str, key: str) -> ObjectLike | None: ...
    def put_file(
        self, bucket: str, key: str, src: Path, *, mime_type: str | None = None, move: bool = False
    ) -> ObjectLike: ...


@dataclass
class Outcome:
    """An item's final fields."""

    code: int
    error: str | None = None
    error_index: int | None = None
    hash: str | None = None
    key: str | None = None
    keys: list[str] | None = field(default=None)
    return_old: int = 0


class StepFailed(Exception):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


def default_key(cmd: str, source_hash: str) -> str:
    """Qiniu's key for a result without saveas: urlsafe_b64(sha1(cmd)) + "/" + source etag."""
    return urlsafe_b64(hashlib.sha1(cmd.encode("utf-8")).digest()) + "/" + source_hash


class Executor:
    """Stateless apart from its collaborators; safe to call from many worker threads."""

    def __init__(
        self,
        storage: StorageLike,
        *,
        ffmpeg: str,
        runner: Runner,
        work_root: Path,
        download_base: Callable[[str], str | None],
    ) -> None:
        self._storage = storage
        self._ffmpeg = ffmpeg
        self._runner = runner
        self._work_root = work_root
        self._download_base = download_base

    def run(self, command: Command, *, bucket: str, key: str, force: bool, tag: str) -> Outcome:
        """Execute `command` on (bucket, key); `tag` names the work dir. Raises Cancelled."""
        source = self._storage.stat(bucket, key)
        if source is None:
            return _fail(0, "source data is empty or fail to get source data")
        out_bucket = command.saveas.bucket if command.saveas else bucket
        out_key = default_key(command.cmd, source.hash)
        if command.saveas and command.saveas.key is not None:
            out_key = command.saveas.key
        if not self._storage.bucket_exists(out_bucket):
            return _fail(len(command.steps), f"no such bucket: {out_bucket}")
        if not force and command.steps[-1].op != "vsample":
            existing = self._storage.stat(out_bucket, out_key)
            if existing is not None:
                return Outcome(DONE, hash=existing.hash, key=out_key, return_old=1)
        workdir = self._work_root / tag
        shutil.rmtree(workdir, ignore_errors=True)
        try:
            plan, result_dir, result = self._run_steps(command, source.path, workdir)
            prefix = (command.saveas.key or "") if command.saveas else ""
            return self._store(plan, result_dir, result, out_bucket, out_key, prefix)
        except StepFailed as exc:
            return _fail(exc.index if exc.index >= 0 else len(command.steps) - 1, exc.message)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _run_steps(
        self, command: Command, src: Path, workdir: Path
    ) -> tuple[FfmpegPlan | None, Path, Path]:
        """Run every step, feeding each output into the next; (last plan, its dir, its output)."""
        current = src
        plan: FfmpegPlan | None = None
        step_dir = workdir
        for index, step in enumerate(command.steps):
            step_dir = workdir / f"step{index}"
            step_dir.mkdir(parents=True)
            last = index == len(command.steps) - 1
            try:
                if step.op == "avinfo":
                    plan = None
                    current = self._avinfo(step.params, current, step_dir)
                    continue
                ctx = BuildContext(self._ffmpeg, current, step_dir, self._resolve)
                plan = build_plan(step, ctx)
                if plan.kind != "file" and not last:
                    raise P.ParamError(f"{step.op}: a multi-file output cannot be piped on")
                self._runner.run(plan.argv, cwd=step_dir)
            except (P.ParamError, FfmpegError, ProbeError) as exc:
                raise StepFailed(index, str(exc)) from exc
            current = step_dir / plan.output
            if plan.kind != "frames" and (not current.exists() or current.stat().st_size == 0):
                what = "no frame at this offset" if step.op == "vframe" else "an empty output"
                raise StepFailed(index, f"{step.op}: ffmpeg produced {what}")
        return plan, step_dir, current

    @staticmethod
    def _avinfo(values: dict[str, str], src: Path, step_dir: Path) -> Path:
        P.reject_unknown("avinfo", values, frozenset())
        out = step_dir / "avinfo.json"
        out.write_text(json.dumps(avinfo(src), ensure_ascii=False), encoding="utf-8")
        return out

    def _resolve(self, url: str) -> Path:
        """A sandbox download URL or kodo://bucket/key → the stored object's file."""
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme == "kodo":
            bucket, key = parsed.netloc, urllib.parse.unquote(parsed.path.lstrip("/"))
        elif parsed.scheme in ("http", "https") and parsed.hostname in _LOOPBACK:
            match = re.fullmatch(r"/dl/([^/]+)/(.+)", parsed.path)
            if match is None:
                raise P.ParamError(f"not a sandbox download URL: {url}")
            bucket, key = match.group(1), urllib.parse.unquote(match.group(2))
        else:
            raise P.ParamError(
                "only sandbox URLs (http://127.0.0.1:<port>/dl/<bucket>/<key> or "
                f"kodo://<bucket>/<key>) can be fetched, not {url}"
            )
        found = self._storage.stat(bucket, key)
        if found is None:
            raise P.ParamError(f"source not found: {url}")
        return found.path

    def _store(
        self,
        plan: FfmpegPlan | None,
        result_dir: Path,
        result: Path,
        bucket: str,
        key: str,
        prefix: str,
    ) -> Outcome:
        if plan is None:  # avinfo
            stored = self._storage.put_file(
                bucket, key, result, mime_type="application/json", move=True
            )
            return Outcome(DONE, hash=stored.hash, key=key)
        if plan.kind == "file":
            stored = self._storage.put_file(bucket, key, result, mime_type=plan.mime, move=True)
            return Outcome(DONE, hash=stored.hash, key=key)
        if plan.kind == "frames":
            frames = sorted(result_dir.glob(f"frame*.{plan.ext}"))
            if not frames:
                raise StepFailed(-1, "vsample: ffmpeg produced no frames in this range")
            assert plan.pattern is not None
            keys = []
            for frame in frames:
                frame_key = P.render_pattern(plan.pattern, _number(frame.name), prefix)
                self._storage.put_file(bucket, frame_key, frame, mime_type=plan.mime, move=True)
                keys.append(frame_key)
            return Outcome(DONE, keys=keys)
        return self._store_hls(plan, result_dir, result, bucket, key, prefix)

    def _store_hls(
        self, plan: FfmpegPlan, result_dir: Path, playlist: Path, bucket: str, key: str, prefix: str
    ) -> Outcome:
        """Store segments under their keys, then the playlist rewritten to point at them."""
        stem = key[: -len(".m3u8")] if key.endswith(".m3u8") else key
        base = None if plan.no_domain else self._segment_base(plan, bucket)
        lines_out: list[str] = []
        keys: list[str] = []
        for line in playlist.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                count = _number(line)
                if plan.pattern is not None:
                    seg_key = P.render_pattern(plan.pattern, count, prefix)
                else:
                    seg_key = f"{stem}-{count:06d}.ts"
                self._storage.put_file(
                    bucket, seg_key, result_dir / line, mime_type="video/mp2t", move=True
                )
                keys.append(seg_key)
                if base is not None:
                    line = f"{base}/{urllib.parse.quote(seg_key)}"
                else:
                    rel = posixpath.relpath(seg_key, posixpath.dirname(key) or ".")
                    line = urllib.parse.quote(rel)
            lines_out.append(line)
        playlist.write_text("\n".join(lines_out) + "\n", encoding="utf-8")
        stored = self._storage.put_file(bucket, key, playlist, mime_type=plan.mime, move=True)
        return Outcome(DONE, hash=stored.hash, key=key, keys=keys)

    def _segment_base(self, plan: FfmpegPlan, bucket: str) -> str | None:
        """Absolute URL prefix for segments: `domain` param, else the sandbox's own domain."""
        if plan.domain:
            return plan.domain if "://" in plan.domain else f"http://{plan.domain}"
        return self._download_base(bucket)


def _number(name: str) -> int:
    digits = re.findall(r"\d+", name)
    return int(digits[-1]) if digits else 0


def _fail(index: int, message: str) -> Outcome:
    return Outcome(FAILED, error=FAILED_PREFIX + message, error_index=index)
