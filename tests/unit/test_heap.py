import gc

from portal.web import heap


def test_settle_freezes_what_is_alive_and_collects_less_often():
    before = gc.get_threshold()
    kept = [object() for _ in range(10)]  # something alive that the freeze must take
    try:
        heap.settle()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (heap.GEN0, heap.GEN1, heap.GEN2)
        assert before[0] < heap.GEN0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
