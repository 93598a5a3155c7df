from pathlib import Path

import pytest

from portal.sealing import PREFIX, Unsealable, is_sealed, sealer_for
from portal.settings import Settings


def _settings(tmp_path: Path, key: str = "k" * 40) -> Settings:
    return Settings.from_env({"SIGNOFF_SECRET_KEY": key, "SIGNOFF_DATA_DIR": str(tmp_path)})


def test_a_sealed_value_opens_to_what_was_sealed_and_shows_nothing_of_it(tmp_path: Path):
    sealer = sealer_for(_settings(tmp_path))
    sealed = sealer.seal("JBSWY3DPEHPK3PXP")
    assert sealed.startswith(PREFIX) and is_sealed(sealed) and "JBSWY3DPEHPK3PXP" not in sealed
    assert sealer.open(sealed) == "JBSWY3DPEHPK3PXP"
    assert sealer.seal("JBSWY3DPEHPK3PXP") != sealed  # a fresh IV each time
    assert "Fernet" not in repr(sealer) and "k" * 40 not in repr(sealer)


def test_a_plain_legacy_value_is_returned_as_it_is(tmp_path: Path):
    sealer = sealer_for(_settings(tmp_path))
    assert not is_sealed("xoxb-legacy") and sealer.open("xoxb-legacy") == "xoxb-legacy"


def test_another_key_or_a_damaged_value_cannot_be_opened(tmp_path: Path):
    sealed = sealer_for(_settings(tmp_path)).seal("xoxb-token")
    other = sealer_for(_settings(tmp_path, "another-key-" + "z" * 40))
    with pytest.raises(Unsealable, match="SIGNOFF_SECRET_KEY") as raised:
        other.open(sealed)
    assert "xoxb" not in str(raised.value) and sealed not in str(raised.value)
    with pytest.raises(Unsealable):
        sealer_for(_settings(tmp_path)).open(sealed[:-4] + "AAAA")
    with pytest.raises(Unsealable):
        sealer_for(_settings(tmp_path)).open(PREFIX + "not a token")
