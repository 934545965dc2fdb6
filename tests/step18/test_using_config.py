"""Step 18: using_config sets a Config switch for a `with` block, and always puts it back."""

import numpy as np

from kata import checks


class Boom(Exception):
    """An error raised inside a `with` block, on purpose."""


def test_using_config_sets_the_value_inside_the_block(config, using_config):
    with using_config("enable_backprop", False):
        inside = config.enable_backprop
    checks.equal(inside, False, "Config.enable_backprop inside "
                 "`with using_config('enable_backprop', False):`")
    checks.equal(config.enable_backprop, True, "Config.enable_backprop after the block")


def test_functions_follow_the_switch(dezero, using_config):
    x = dezero.Variable(np.array(3.0))
    with using_config("enable_backprop", False):
        y = dezero.square(x)
    z = dezero.square(x)
    checks.is_true(y.creator is None, "y = square(x) inside `with using_config("
                   "'enable_backprop', False):` should have no creator")
    checks.is_true(z.creator is not None, "z = square(x) after that block should have a creator")


def test_the_old_value_comes_back_after_an_exception(dezero, config, using_config):
    def raise_inside():
        with using_config("enable_backprop", False):
            raise Boom()

    checks.raises(Boom, raise_inside, "an exception raised inside `with using_config(...)` "
                  "(it must pass through, not be swallowed)")
    checks.equal(config.enable_backprop, True, "Config.enable_backprop after a `with "
                 "using_config('enable_backprop', False):` block that raised (restore it in "
                 "`finally`)")
    x = dezero.Variable(np.array(3.0))
    checks.is_true(dezero.square(x).creator is not None, "square(x) after that block should "
                   "have a creator again")
