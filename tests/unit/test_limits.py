from portal.web.limits import SlidingLimit


def test_a_key_over_its_limit_waits_for_the_window_to_pass():
    limit = SlidingLimit(2, window=60)
    assert limit.allow("a", now=0) and limit.allow("a", now=10)
    assert not limit.allow("a", now=59)  # refused events are not counted
    assert limit.allow("b", now=59)  # other clients are not held up
    assert limit.allow("a", now=60.5)  # the first event has left the window
    assert not limit.allow("a", now=61)
