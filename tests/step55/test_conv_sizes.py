"""Step 55: utils.get_conv_outsize(input_size, kernel_size, stride, pad) and utils.pair,
checked against counting the kernel's positions one by one."""

import pytest

from kata import checks


def positions(input_size, kernel_size, stride, pad):
    """The places a kernel fits, counted by moving it: the definition, not the formula."""
    count, start = 0, 0
    while start + kernel_size <= input_size + 2 * pad:
        count, start = count + 1, start + stride
    return count


CASES = [(size, kernel, stride, pad) for size in (1, 4, 7, 28) for kernel in (1, 2, 3, 5)
         for stride in (1, 2, 3) for pad in (0, 1, 2) if kernel <= size + 2 * pad]


@pytest.mark.parametrize("size, kernel, stride, pad", CASES)
def test_get_conv_outsize_counts_the_kernel_positions(dezero, size, kernel, stride, pad):
    got = dezero.utils.get_conv_outsize(size, kernel, stride, pad)
    checks.equal(got, positions(size, kernel, stride, pad),
                 f"get_conv_outsize(input_size={size}, kernel_size={kernel}, stride={stride}, "
                 f"pad={pad}): the positions a {kernel}-wide kernel takes, moved by {stride}, "
                 f"over {size} + 2 * {pad}")


def test_the_books_example(dezero):
    checks.equal(dezero.utils.get_conv_outsize(4, 3, 1, 1), 4, "get_conv_outsize(H=4, KH=3, "
                 "SH=1, PH=1): padding 1 keeps a 3 x 3 kernel's output the input's size")


def test_pair(dezero):
    checks.equal(dezero.utils.pair(3), (3, 3), "utils.pair(3)")
    checks.equal(dezero.utils.pair((2, 5)), (2, 5), "utils.pair((2, 5))")
    for bad in ((1, 2, 3), "3", 2.5):
        checks.raises(ValueError, lambda bad=bad: dezero.utils.pair(bad),
                      f"utils.pair({bad!r}) (neither an int nor a pair)")
