/**
 * Storage, beside the pipeline: the project's checkpoint format and the safe import of NVlabs
 * network pickles. Pure I/O on plain Java data; it knows nothing of the model that uses the tensors.
 *
 * <h2>Network pickles</h2>
 * {@link eg3d.io.NetworkPickle#read} parses {@code network-snapshot-*.pkl} with
 * {@link eg3d.io.SafeUnpickler}, a pickle machine that builds only data and checks every global
 * against a {@link eg3d.io.PickleWhitelist} before using it. Tensor storages are nested
 * {@code torch.save} archives, parsed the same way with their own whitelist. The result, an
 * {@link eg3d.io.ImportedSnapshot}, carries the recorded init kwargs and the state_dicts of G_ema,
 * G and D under their official names.
 *
 * <h2>Checkpoints</h2>
 * A checkpoint ({@link eg3d.io.Checkpoint}) is one safetensors file:
 * <pre>
 * u64 little-endian N | N bytes JSON header, space-padded | tensor bytes, little-endian, contiguous
 * header: {"__metadata__": {"format": "pt", "eg3d": "&lt;JSON document&gt;"},
 *          "G_ema.backbone.mapping.fc0.weight": {"dtype": "F32", "shape": [512, 64], "data_offsets": [0, 131072]}, ...}
 * </pre>
 * Tensor names are {@code G.}, {@code D.}, {@code G_ema.} plus the official state_dict key, and
 * {@code opt.} for optimizer state. The {@code eg3d} document holds {@code format}
 * ("eg3d-checkpoint"), {@code format_version} (1), the networks' kwargs and the training state;
 * {@code docs/checkpoint-format.md} lists its fields. Python reads it with
 * {@code safetensors.torch.load_file(path)} and {@code json.loads(safe_open(path, "pt").metadata()["eg3d"])}.
 * Writes are atomic (temporary file, fsync, rename, directory fsync).
 */
@NullMarked
package eg3d.io;

import org.jspecify.annotations.NullMarked;
