"""Writes the .npy fixtures of NpyTest with NumPy (run from this directory; the outputs are committed).

Every array holds 100 i + 10 j + k + 0.25 at C index (i, j, k), 10 i + j + 0.25 at (i, j), i + 0.25 at (i),
and 7.25 for a 0-d array, so a reader that gets the order wrong fails.
"""
import numpy as np

def pattern(shape):
    if not shape:
        return np.array(7.25)
    weights = [100, 10, 1][-len(shape):]
    return sum(w * i for w, i in zip(weights, np.indices(shape))) + 0.25

np.save("f8_c_2x3.npy", pattern((2, 3)).astype("<f8"))
np.save("f8_fortran_2x3x4.npy", np.asfortranarray(pattern((2, 3, 4)).astype("<f8")))
np.save("f8_be_fortran_3x2.npy", np.asfortranarray(pattern((3, 2)).astype(">f8")))
np.save("f4_be_5.npy", pattern((5,)).astype(">f4"))
np.save("f4_c_2x2x2.npy", pattern((2, 2, 2)).astype("<f4"))
np.save("f8_scalar.npy", np.array(7.25))
np.save("i8_3.npy", np.arange(3, dtype="<i8"))
a = pattern((2, 3)).astype("<f8"); a[1, 2] = np.nan
np.save("f8_nan_2x3.npy", a)
with open("f8_v2_4.npy", "wb") as f:
    np.lib.format.write_array(f, pattern((4,)).astype("<f8"), version=(2, 0))
