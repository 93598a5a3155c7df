from pathlib import Path

import pytest

from portal.sealing import PREFIX, Opened, Unsealable, is_sealed, sealer_for
from portal.settings import Settings


def _settings(tmp_path: Path, key: str = "k" * 40, previous: str = "") -> Settings:
    return Settings.from_env(
        {
            "SIGNOFF_SECRET_KEY": key,
            "SIGNOFF_SECRET_KEY_PREVIOUS": previous,
            "SIGNOFF_DATA_DIR": str(tmp_path),
        }
    )


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


_NEW = "the-new-key-" + "n" * 40


def test_after_a_rotation_the_previous_key_opens_and_only_the_current_one_seals(tmp_path: Path):
    old = sealer_for(_settings(tmp_path))
    rotated = sealer_for(_settings(tmp_path, _NEW, previous="k" * 40))
    new_alone = sealer_for(_settings(tmp_path, _NEW))
    sealed_before = old.seal("JBSWY3DPEHPK3PXP")

    assert rotated.open(sealed_before) == "JBSWY3DPEHPK3PXP"
    assert rotated.unseal(sealed_before) == Opened("JBSWY3DPEHPK3PXP", current=False)
    sealed_now = rotated.seal("JBSWY3DPEHPK3PXP")
    assert rotated.unseal(sealed_now) == Opened("JBSWY3DPEHPK3PXP", current=True)
    assert new_alone.open(sealed_now) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(Unsealable):
        old.open(sealed_now)
    with pytest.raises(Unsealable, match="SIGNOFF_SECRET_KEY_PREVIOUS"):
        new_alone.open(sealed_before)
    assert "k" * 40 not in repr(rotated) and _NEW not in repr(rotated)


def test_reseal_moves_a_value_to_the_current_key_once(tmp_path: Path):
    rotated = sealer_for(_settings(tmp_path, _NEW, previous="k" * 40))
    new_alone = sealer_for(_settings(tmp_path, _NEW))
    sealed_before = sealer_for(_settings(tmp_path)).seal("xoxb-token")

    resealed = rotated.reseal(sealed_before)
    assert resealed is not None and is_sealed(resealed) and "xoxb-token" not in resealed
    assert new_alone.open(resealed) == "xoxb-token"
    assert rotated.reseal(resealed) is None  # already under the current key: left as it is
    legacy = rotated.reseal("xoxb-legacy")
    assert legacy is not None and new_alone.open(legacy) == "xoxb-legacy"
    with pytest.raises(Unsealable):
        new_alone.reseal(sealed_before)  # the key that sealed it is no longer given
