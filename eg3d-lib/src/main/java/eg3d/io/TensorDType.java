package eg3d.io;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Element types a checkpoint tensor may hold, with their torch storage names, safetensors codes and
 * DJL types. The set is what EG3D snapshots and our own checkpoints actually use.
 */
public enum TensorDType {
    FLOAT32("F32", "FloatStorage", 4, DataType.FLOAT32),
    FLOAT16("F16", "HalfStorage", 2, DataType.FLOAT16),
    BFLOAT16("BF16", "BFloat16Storage", 2, DataType.BFLOAT16),
    FLOAT64("F64", "DoubleStorage", 8, DataType.FLOAT64),
    INT64("I64", "LongStorage", 8, DataType.INT64),
    INT32("I32", "IntStorage", 4, DataType.INT32),
    INT16("I16", "ShortStorage", 2, DataType.INT16),
    INT8("I8", "CharStorage", 1, DataType.INT8),
    UINT8("U8", "ByteStorage", 1, DataType.UINT8),
    BOOL("BOOL", "BoolStorage", 1, DataType.BOOLEAN);

    private final String safetensorsCode;
    private final String torchStorageName;
    private final int byteSize;
    private final DataType djlType;

    TensorDType(String safetensorsCode, String torchStorageName, int byteSize, DataType djlType) {
        this.safetensorsCode = safetensorsCode;
        this.torchStorageName = torchStorageName;
        this.byteSize = byteSize;
        this.djlType = djlType;
    }

    /** The code in a safetensors header, e.g. {@code F32}. */
    public String getSafetensorsCode() {
        return safetensorsCode;
    }

    /** The legacy torch storage class that holds this type, e.g. {@code FloatStorage}. */
    public String getTorchStorageName() {
        return torchStorageName;
    }

    /** Bytes per element. */
    public int getByteSize() {
        return byteSize;
    }

    public DataType getDjlType() {
        return djlType;
    }

    /** The lower-case name used in messages and JSON, e.g. {@code float32}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks up a safetensors dtype code; throws with the list of known codes otherwise. */
    public static TensorDType fromSafetensorsCode(String code) {
        for (TensorDType t : values()) {
            if (t.safetensorsCode.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown safetensors dtype '" + code + "'; known: " + knownCodes());
    }

    /** Looks up a torch storage class name such as {@code FloatStorage}; throws for any other name. */
    static TensorDType fromTorchStorageName(String name) {
        for (TensorDType t : values()) {
            if (t.torchStorageName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported torch storage type torch." + name);
    }

    private static String knownCodes() {
        StringBuilder s = new StringBuilder();
        for (TensorDType t : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(t.safetensorsCode);
        }
        return s.toString();
    }
}
