"""Step 53: Layer._flatten_params, save_weights(path), load_weights(path). A save is whole
or absent; a load is all or nothing: a missing, truncated or mismatched file raises one
clear error and leaves every parameter as it was."""

import os
import zipfile

import numpy as np
import pytest

from kata import checks

X = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)


@pytest.fixture(autouse=True)
def seeded():
    np.random.seed(0)  # put back after the test by the kata plugin


def trained(dezero, sizes=(5, 3)):
    """An MLP whose weights exist (one call made them)."""
    model = dezero.models.MLP(sizes)
    model(X)
    return model


def snapshot(model):
    return {id(p): p.data.copy() for p in model.params()}


def unchanged(model, before, what):
    changed = [p.name for p in model.params() if not np.array_equal(p.data, before[id(p)])]
    checks.is_true(not changed, f"{what}: parameters {changed} changed; a load that fails "
                   f"must check the whole file first and set nothing")


def test_flatten_params_names_each_parameter_by_its_place(dezero):
    model = trained(dezero)
    found = {}
    model._flatten_params(found)
    checks.equal(sorted(found), ["l0/W", "l0/b", "l1/W", "l1/b"], "the keys _flatten_params "
                 "gives an MLP((5, 3)) (the attribute names, joined with '/')")
    checks.is_true(found["l1/W"] is model.l1.W, "params_dict['l1/W'] should be the Parameter "
                   "model.l1.W itself")


def test_a_saved_model_loads_into_a_new_one(dezero, tmp_path):
    model = trained(dezero)
    path = tmp_path / "mlp.npz"
    model.save_weights(str(path))
    checks.is_true(path.exists(), "save_weights('mlp.npz') should write mlp.npz")
    fresh = dezero.models.MLP((5, 3))  # lazy: its weights do not exist yet
    fresh.load_weights(str(path))
    checks.close(fresh(X).data, model(X).data, "the output of a new MLP after load_weights, "
                 "against the saved model's")
    checks.equal(fresh.l0.W.data.dtype, np.float32, "a loaded W's dtype")


def test_npz_is_added_to_a_path_without_it(dezero, tmp_path):
    model = trained(dezero)
    model.save_weights(str(tmp_path / "mlp"))
    checks.equal(sorted(os.listdir(tmp_path)), ["mlp.npz"], "the files save_weights('mlp') "
                 "writes (np.savez_compressed adds .npz; nothing else is left behind)")
    trained(dezero).load_weights(str(tmp_path / "mlp"))  # and load_weights finds it


def test_a_missing_file_raises_and_changes_nothing(dezero, tmp_path):
    model = trained(dezero)
    before = snapshot(model)
    with pytest.raises(FileNotFoundError) as error:
        model.load_weights(str(tmp_path / "nothing.npz"))
    checks.is_true("\n" not in str(error.value), "the error for a missing file, in one line")
    unchanged(model, before, "load_weights of a missing file")


@pytest.mark.explains("before it sets any parameter")
@pytest.mark.parametrize("other, what", [
    ((5, 3, 2), "a bigger network (a key the model has not)"),
    ((5,), "a smaller network (keys the file lacks)"),
    ((4, 3), "the same layers with other sizes (shapes)"),
])
def test_a_file_of_another_network_raises_and_changes_nothing(dezero, tmp_path, other, what):
    path = str(tmp_path / "other.npz")
    trained(dezero, other).save_weights(path)
    model = trained(dezero)
    before = snapshot(model)
    error = checks.raises(ValueError, lambda: model.load_weights(path),
                          f"load_weights of {what}, which must check the whole file against "
                          f"the model (its keys, their shapes) before it sets any parameter")
    checks.is_true("/" in str(error), f"the error of loading {what} should name the "
                   f"parameters that do not fit (l0/W, ...); got: {error}")
    unchanged(model, before, f"load_weights of {what}")


def test_a_truncated_file_raises_and_changes_nothing(dezero, tmp_path):
    path = tmp_path / "mlp.npz"
    trained(dezero).save_weights(str(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])  # an interrupted copy
    model = trained(dezero)
    before = snapshot(model)
    error = checks.raises(ValueError, lambda: model.load_weights(str(path)),
                          "load_weights of a truncated file must turn what np.load raises "
                          "(BadZipFile, OSError) into one ValueError naming the file "
                          "(_read_weights does that)")
    checks.is_true("\n" not in str(error).strip(), "the error for a truncated file, in one "
                   "line")
    unchanged(model, before, "load_weights of a truncated file")


def test_a_corrupt_array_inside_raises_and_changes_nothing(dezero, tmp_path):
    path = tmp_path / "mlp.npz"
    with zipfile.ZipFile(path, "w") as archive:  # the right names, not arrays inside
        for key in ("l0/W", "l0/b", "l1/W", "l1/b"):
            archive.writestr(key + ".npy", b"not an array")
    model = trained(dezero)
    before = snapshot(model)
    checks.raises(ValueError, lambda: model.load_weights(str(path)),
                  "load_weights of a file whose entries are not arrays (np.load gives their "
                  "raw bytes): it must read and check the whole file first (every key an "
                  "array of the right shape: _read_weights, _mismatches), then raise a "
                  "ValueError and set nothing")
    unchanged(model, before, "load_weights of a file with broken arrays")


def test_a_failed_save_leaves_no_half_written_file(dezero, tmp_path, monkeypatch):
    path = tmp_path / "mlp.npz"
    path.write_bytes(b"the older weights")
    real_savez = np.savez_compressed

    def interrupted(file, **arrays):
        real_savez(file, **dict(list(arrays.items())[:1]))  # part of it written, then...
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez_compressed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        trained(dezero).save_weights(str(path))
    checks.equal(path.read_bytes(), b"the older weights", "the file at the path after a save "
                 "that failed half way (write beside it, then os.replace: the old file stays)")
    checks.equal(sorted(os.listdir(tmp_path)), ["mlp.npz"], "the files after a failed save "
                 "(a half-written temporary file must be removed)")


def test_weights_on_the_gpu_are_saved_as_numpy_arrays(dezero, tmp_path, monkeypatch):
    from tests import gpu_standin

    dezero = gpu_standin.on_fake_gpu(dezero, monkeypatch)
    model = trained(dezero)
    expected = model(X).data
    model.to_gpu()
    path = str(tmp_path / "mlp.npz")
    model.save_weights(path)  # np.savez cannot write GPU arrays: cuda.as_numpy first
    with np.load(path) as npz:
        checks.close(npz["l1/b"], dezero.cuda.as_numpy(model.l1.b.data), "l1/b as saved from "
                     "the GPU")
    fresh = dezero.models.MLP((5, 3))
    fresh.load_weights(path)
    checks.close(fresh(X).data, expected, "a CPU model loaded from weights saved on the GPU")
