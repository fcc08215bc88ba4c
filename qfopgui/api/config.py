"""Where a profile's requests go: a Qiniu region id or explicit hosts (private cloud, sandbox).

With `discover` set the hosts here are only the starting point: the client asks uc
(`/v4/query`) where each bucket lives and uses that region's hosts (`api/regions.py`); the
fields below are then the fallback when the query fails for a passing reason."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Region ids the app offers by name; any other id is accepted and expanded with the same pattern.
KNOWN_REGIONS: dict[str, str] = {
    "z0": "East China (Zhejiang)",
    "cn-east-2": "East China (Zhejiang 2)",
    "z1": "North China (Hebei)",
    "z2": "South China (Guangdong)",
    "na0": "North America",
    "as0": "Southeast Asia (Singapore)",
}


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Base URLs (scheme://host[:port], no trailing slash) for each Qiniu service.

    `discover`: resolve each bucket's hosts through uc's region query (a profile that sets no
    host but uc); False means these hosts are used as given (private cloud, tests).
    """

    uc: str
    rs: str
    rsf: str
    api: str
    up: str
    io: str
    discover: bool = False

    @classmethod
    def for_region(cls, region: str) -> Endpoints:
        """Public Qiniu hosts for a region id, always over HTTPS (pattern of qiniu SDK 7.18)."""
        suffix = "" if region == "z0" else f"-{region}"
        return cls(
            uc="https://uc.qiniuapi.com",
            rs=f"https://rs-{region}.qiniuapi.com",
            rsf=f"https://rsf-{region}.qiniuapi.com",
            api=f"https://api-{region}.qiniuapi.com",
            up=f"https://upload{suffix}.qiniup.com",
            io=f"https://iovip{suffix}.qiniuio.com",
        )

    @classmethod
    def discovered(cls, region: str, uc: str = "") -> Endpoints:
        """Per-bucket discovery through `uc` (default the public uc host).

        The fallback hosts are the region's public ones; with a custom uc (a private
        deployment or the sandbox) they are the uc host itself, never someone else's servers.
        """
        if not uc:
            return replace(cls.for_region(region), discover=True)
        return replace(cls.single(uc), discover=True)

    @classmethod
    def single(cls, base_url: str) -> Endpoints:
        """One server plays every role (the sandbox, or a private deployment behind one host)."""
        base = base_url.rstrip("/")
        return cls(uc=base, rs=base, rsf=base, api=base, up=base, io=base)


@dataclass(frozen=True, slots=True)
class Credentials:
    """An AccessKey/SecretKey pair. Never logged: repr hides the secret."""

    access_key: str
    secret_key: str

    def __repr__(self) -> str:
        return f"Credentials(access_key={self.access_key!r}, secret_key='***')"
