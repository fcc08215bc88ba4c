from __future__ import annotations

import json
from pathlib import Path

import pytest

from qfopgui.api.config import Endpoints
from qfopgui.services import profile_checks as P
from qfopgui.services.profile_checks import check_host, check_key, check_name, validate_profile
from qfopgui.services.profiles import SERVICES, Profile, ProfileError, ProfileStore

AK = "Xb3kP9mQ2rT7vW1yZ4cF6hJ8nL0sD5gE_aB-cK2m"
SK = "Qw8eR4tY6uI2oP0aS9dF7gH5jK3lZ1xC-vB_nM4q"


def test_round_trip_and_current(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    store = ProfileStore(path)
    a = Profile("Prod", "AK1", region="z1", pipelines=("hd",), default_pipeline="hd")
    b = Profile("Local", "AK2", hosts={"base": "http://127.0.0.1:9000"}, is_sandbox=True)
    store.upsert(a)
    store.upsert(b)
    store.set_current("Local")
    again = ProfileStore(path)
    assert again.list() == [a, b]
    assert again.current == b
    assert again.get("Prod") == a
    data = json.loads(path.read_text())
    assert data["version"] == 1


def test_rename_keeps_position_and_current(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    store.upsert(Profile("B", "ak"))
    store.set_current("A")
    store.upsert(Profile("A2", "ak"), rename_from="A")
    assert store.names() == ["A2", "B"]
    assert store.current is not None
    assert store.current.name == "A2"
    with pytest.raises(ProfileError):
        store.upsert(Profile("B", "ak"), rename_from="A2")  # would overwrite another profile


def test_delete_moves_current(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    store.upsert(Profile("B", "ak"))
    store.set_current("A")
    store.delete("A")
    assert store.names() == ["B"]
    assert store.current is not None
    assert store.current.name == "B"
    store.delete("B")
    assert store.current is None
    assert ProfileStore(tmp_path / "p.json").list() == []


def test_endpoints_region_base_and_overrides() -> None:
    discovered = Profile("a", "k", region="z2").endpoints()
    assert discovered == Endpoints.discovered("z2")  # no host set: per-bucket region query
    assert discovered.discover
    assert discovered.rs == Endpoints.for_region("z2").rs
    uc_only = Profile("a", "k", hosts={"uc": "http://127.0.0.1:9/"}).endpoints()
    assert uc_only == Endpoints.discovered("z0", "http://127.0.0.1:9")
    single = Profile("a", "k", hosts={"base": "http://127.0.0.1:9/"}).endpoints()
    assert single == Endpoints.single("http://127.0.0.1:9")
    mixed = Profile("a", "k", region="z0", hosts={"up": "https://up.example.com/"}).endpoints()
    assert mixed.up == "https://up.example.com"
    assert mixed.rs == Endpoints.for_region("z0").rs


@pytest.mark.parametrize(
    "profile",
    [
        Profile("", "ak"),
        Profile("x", ""),
        Profile("x", "ak", hosts={"base": "ftp://nope"}),
        Profile("x", "ak", hosts={"bogus": "http://a"}),
    ],
)
def test_invalid_profiles_are_refused(tmp_path: Path, profile: Profile) -> None:
    with pytest.raises(ProfileError):
        ProfileStore(tmp_path / "p.json").upsert(profile)


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 99, "profiles": []}',
        '{"version": 1, "profiles": [{"no_name": 1}]}',
    ],
)
def test_damaged_file_is_backed_up_not_fatal(tmp_path: Path, content: str) -> None:
    path = tmp_path / "profiles.json"
    path.write_text(content)
    store = ProfileStore(path)
    assert store.list() == []
    assert store.load_error
    assert "could not be read" in store.load_error
    assert store.backup_path is not None
    assert store.backup_path.read_text() == content
    store.upsert(Profile("A", "ak"))  # still usable; writes a fresh file
    assert ProfileStore(path).names() == ["A"]


def test_file_never_contains_a_secret_field(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    data = json.loads((tmp_path / "p.json").read_text())
    assert not any("secret" in k for p in data["profiles"] for k in p)


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


# --- validation of what a person typed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "template", "params"),
    [
        ("", P.NAME_MISSING, {}),
        ("   ", P.NAME_MISSING, {}),
        ("n" * 65, P.NAME_TOO_LONG, {"count": "65", "max": "64"}),
        ("a\nb", P.NAME_CONTROL, {}),
        ("a\x00b", P.NAME_CONTROL, {}),
        ("evil\u202etxt", P.NAME_CONTROL, {}),  # right-to-left override: spoofs the name
        ("a\u2028b", P.NAME_CONTROL, {}),
        ("prod", P.NAME_TAKEN, {"other": "Prod"}),
        (" PROD ", P.NAME_TAKEN, {"other": "Prod"}),
        ("SANDBOX", P.NAME_RESERVED, {"name": "Sandbox"}),
    ],
)
def test_name_rules(name: str, template: str, params: dict[str, str]) -> None:
    problem = check_name(name, ["Prod"], reserved=["Sandbox"])
    assert problem is not None
    assert (problem.field, problem.template, problem.params_dict) == ("name", template, params)
    assert problem.message == template.format(**params)


@pytest.mark.parametrize("name", ["Prod 2", "n" * 64, "  padded  ", "生产环境", "Team 🎬"])
def test_good_names(name: str) -> None:
    assert check_name(name, ["Prod"], reserved=["Sandbox"]) is None


def test_renaming_an_account_to_other_capitals_is_not_a_clash() -> None:
    assert check_name("Prod", ["prod", "Other"], original="prod") is None
    assert check_name("other", ["prod", "Other"], original="prod") is not None
    assert check_name("Sandbox", ["Sandbox"], original="Sandbox", reserved=["Sandbox"]) is None


@pytest.mark.parametrize(
    ("value", "template", "params"),
    [
        ("", P.KEY_MISSING, {"key": "AccessKey"}),
        (AK[:10] + " " + AK[10:], P.KEY_SPACE, {"key": "AccessKey"}),
        (AK[:10] + "\n" + AK[10:], P.KEY_SPACE, {"key": "AccessKey"}),
        (AK[:10] + "\u3000" + AK[10:], P.KEY_SPACE, {"key": "AccessKey"}),  # ideographic space
        (AK[:10] + "/" + AK[11:], P.KEY_CHARACTER, {"key": "AccessKey", "char": "/"}),
        (AK[:10] + "é" + AK[11:], P.KEY_CHARACTER, {"key": "AccessKey", "char": "é"}),
        ("a" * 19, P.KEY_LENGTH, {"key": "AccessKey", "count": "19", "typical": "40"}),
        ("a" * 129, P.KEY_LENGTH, {"key": "AccessKey", "count": "129", "typical": "40"}),
    ],
)
def test_access_key_rules(value: str, template: str, params: dict[str, str]) -> None:
    problem = check_key("access_key", value)
    assert problem is not None
    assert (problem.field, problem.template, problem.params_dict) == (
        "access_key",
        template,
        params,
    )


@pytest.mark.parametrize(
    "value", [AK, f"  {AK}\n", "a" * 20, "a" * 128, "sandbox-0123456789abcdef"]
)
def test_plausible_keys_pass(value: str) -> None:
    assert check_key("access_key", value) is None
    assert check_key("secret_key", value) is None


def test_a_secret_key_is_never_repeated_in_its_message() -> None:
    problem = check_key("secret_key", SK[:10] + "+" + SK[11:])
    assert problem is not None
    assert problem.template == P.SECRET_CHARACTER
    assert "+" not in problem.message
    assert problem.params == ()
    assert check_key("secret_key", "", required=False) is None


@pytest.mark.parametrize(
    ("field", "value", "template"),
    [
        ("base", "ftp://a.example.com", P.HOST_SCHEME),
        ("base", "a.example.com", P.HOST_SCHEME),
        ("base", "localhost:9000", P.HOST_SCHEME),
        ("base", "https:/a.example.com", P.HOST_SCHEME),
        ("base", "http://", P.HOST_NO_HOST),
        ("base", "http://a.example.com:0", P.HOST_PORT),
        ("base", "http://a.example.com:port", P.HOST_PORT),
        ("base", "http://a.example.com/path", P.HOST_PATH),
        ("base", "http://a.example.com?x", P.HOST_PATH),
        ("base", "http://a.example.com#top", P.HOST_PATH),
        ("uc", "http://a .example.com", P.HOST_SPACE),
        ("api", "https://api.example.com/v1/", P.HOST_PATH),
    ],
)
def test_host_rules_name_the_field(field: str, value: str, template: str) -> None:
    problem = check_host(field, value)
    assert problem is not None
    assert (problem.field, problem.template) == (field, template)
    assert problem.params_dict["field"] == P.FIELD_WORDS[field]
    assert problem.message.startswith(f"The {P.FIELD_WORDS[field]} ")


@pytest.mark.parametrize(
    "value", ["", "http://127.0.0.1:9000", "https://qiniu.example.com/", "http://[::1]:8080"]
)
def test_good_hosts(value: str) -> None:
    assert check_host("base", value) is None


def test_validate_profile_gives_one_problem_per_field_in_form_order() -> None:
    bad = Profile(" ", "a b", hosts={"base": "ftp://x", "uc": "uc.example.com"})
    problems = validate_profile(bad, None)
    assert [(p.field, p.template) for p in problems] == [
        ("name", P.NAME_MISSING),
        ("access_key", P.KEY_SPACE),
        ("secret_key", P.KEY_MISSING),
        ("base", P.HOST_SCHEME),
        ("uc", P.HOST_SCHEME),
    ]
    ok = Profile("Prod", AK, hosts={"base": "http://127.0.0.1:9000"})
    assert validate_profile(ok, SK, existing_names=["Other"]) == []
    # editing: no new SecretKey keeps the saved one
    assert validate_profile(ok, None, existing_names=["Prod"], original_name="Prod") == []
    # custom hosts need a base URL or every service host
    only_uc = Profile("Prod", AK, hosts={"uc": "http://uc.example.com"})
    assert [p.template for p in validate_profile(only_uc, SK)] == [P.HOSTS_MISSING]
    every = {s: f"http://{s}.example.com" for s in SERVICES}
    assert validate_profile(Profile("Prod", AK, hosts=every), SK) == []


def test_every_message_template_is_listed_for_translation() -> None:
    templates = {v for k, v in vars(P).items() if k.isupper() and isinstance(v, str) and "{" in v}
    plain = {P.NAME_MISSING, P.NAME_CONTROL, P.SECRET_CHARACTER, P.HOSTS_MISSING}
    assert templates | plain <= set(P.PROFILE_MESSAGES)
    assert set(P.FIELD_WORDS.values()) <= set(P.PROFILE_MESSAGES)
