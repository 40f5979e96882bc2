package eg3d.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, so tests can build hostile or unusual pickles byte by byte. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes proto(int version) {
        return op(0x80).raw(version);
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes raw(int b) {
        out.write(b);
        return this;
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** GLOBAL with the module and name inline, as protocols 0–2 write it. */
    PickleBytes global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** STACK_GLOBAL from two strings, as protocol 4 writes it. */
    PickleBytes stackGlobal(String module, String name) {
        return str(module).str(name).op(0x93);
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').int32(b.length).raw(b);
    }

    PickleBytes bytes(byte[] b) {
        return op('B').int32(b.length).raw(b);
    }

    PickleBytes int1(int v) {
        return op('K').raw(v);
    }

    PickleBytes int32(int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }

    PickleBytes int64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        return this;
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes emptyDict() {
        return op('}');
    }

    PickleBytes setItems() {
        return op('u');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes put(int index) {
        return op('q').raw(index);
    }

    PickleBytes get(int index) {
        return op('h').raw(index);
    }

    PickleBytes none() {
        return op('N');
    }

    PickleBytes stop() {
        return op('.');
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
