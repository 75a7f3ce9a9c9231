"""Any kiosk.toml: a usable KioskConfig or a ConfigError naming the file, never a crash."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.core.config import CONFIG_FILE, ConfigError, KioskConfig

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
KEYS = ["server_url", "ca_cert", "language", "decoder", "camera", "retention_days", "other"]


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value)  # ints and basic strings (JSON escapes are TOML escapes)


plain = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.text(max_size=40),
    st.sampled_from(["https://atrium.example", "http://x", "en", "de", "zxing", "pyzbar", ""]),
)
values = st.one_of(plain, st.lists(plain, max_size=3))
documents = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=6).map(
        lambda table: "\n".join(f"{key} = {toml_value(value)}" for key, value in table.items())
    ),
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),
)


@FUZZ
@given(document=documents)
def test_any_kiosk_toml_loads_or_says_what_is_wrong(document: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        (data_dir / CONFIG_FILE).write_bytes(document.encode("utf-8", "surrogatepass"))
        try:
            config = KioskConfig.load(data_dir, env={})
        except ConfigError as exc:
            assert str(exc).strip()
            return
        assert config.data_dir == data_dir
        assert 0 < config.retention_s <= 3650 * 86400
        assert config.server_url is None or config.server_url.startswith("https://")
        assert config.language in ("en", "de", None) and config.decoder in ("zxing", "pyzbar")


def test_unreadable_and_oversized_config_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).mkdir()
    try:
        KioskConfig.load(tmp_path, env={})
    except ConfigError as exc:
        assert CONFIG_FILE in str(exc)
    else:
        raise AssertionError("a directory named kiosk.toml was accepted")
    big = tmp_path / "big"
    big.mkdir()
    (big / CONFIG_FILE).write_text('language = "' + "x" * 5_000_000 + '"\n')
    try:
        KioskConfig.load(big, env={})
    except ConfigError as exc:
        assert "language" in str(exc) and len(str(exc)) < 10_000, "error echoes the whole file"
    else:
        raise AssertionError("a 5 MB language value was accepted")
