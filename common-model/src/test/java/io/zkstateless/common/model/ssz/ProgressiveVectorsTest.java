package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published progressive vectors: ethereum/ssz-specs {@code tests/test_progressive_vectors.py} at
 * {@code 4e8a6477b0cd68da90c1629a07012f2f1f58366e} (values and roots written out in full there).
 * Lists hold the values 1..n; bitlists are all-true or alternate starting from clear.
 */
class ProgressiveVectorsTest {

  private static final String EMPTY =
      "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b";

  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({
    "0, " + EMPTY,
    "1, 905efb51c2764c2c7a4efb0548e372569df06db82115c3b1896c186632f3fe5b",
    "2, 94f342b97f764e2548ea40cd9acfb1a1710ac0bb8b9cce202bfb99524256c53a",
    "5, 209ec0633411cff6970c26380d214e30985d43dcc50509c1b3b28f615d333939",
    "6, 997ce53709516289d7dee1a7b0bf74637cb08083648498b794c8d60fcb66e350",
    "21, cd2db52ac452ea0695ed3a34298b8562a6749f1ba683e8ffd8af2b97dd3a5dd1",
    "22, 3d52e03c5b90a15ea15d5233f9a7068b363d5ea035751e540c925ba51f71ac05",
    "31, 3e12b2d2b507ef7ffe70761d0b0b69af7a26449621227a7a3e06438917f4aebd",
    "32, 77a8c5b3ec7b888068f0d2f0237b535b7ac6dc38c9ce75ed40a3bb6250537bc9",
    "33, bdb0c331db145d1efad9e022c70ab1f1c0896e7fc8bd8a83c6f0cd6ca89e1009",
    "84, ce327a0dda6ad4e33af1e49c1168c5aa35dae66c8caee89d23ba7529734bdd50",
    "85, 404664c320055384127dd62f6741a767a0396d9929720c29f7c20cc3333bd64e",
    "86, d31c2f59aad88de0a912daf3753246668f27450f1cdaf867e9f4fdbd8ee23099"
  })
  void byteListAndUint8ListShareTheirRoots(final int count, final String root) {
    final byte[] bytes = new byte[count];
    final List<Long> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) (i + 1);
      values.add((long) (i + 1));
    }

    assertThat(SszProgressiveByteListSchema.INSTANCE.hashTreeRoot(ImmutableBytes.of(bytes)))
        .isEqualTo(Bytes32.fromHex(root));
    assertThat(new SszProgressiveListSchema<>(SszUintSchema.UINT8).hashTreeRoot(values))
        .isEqualTo(Bytes32.fromHex(root));
  }

  @ParameterizedTest(name = "{0} uint16")
  @CsvSource({
    "2, 1311c18a7c020c910b000d55063dc15d23dc66bc6c4546685085661bbcbfa1c8",
    "16, 19f40551cc02da8ea0889141b4b6fb4063dd16893ac1c152659ed8e4c685a19e",
    "17, b7f2c26050a276c5dfc8bf1df8866864a7a6767bc61e3fa06ef225d1ff95e377",
    "86, be135371387a9f497e53cefb8083dc8eb4042fb822943e39c898a026349e5df4"
  })
  void uint16Lists(final int count, final String root) {
    assertThat(new SszProgressiveListSchema<>(SszUintSchema.UINT16).hashTreeRoot(oneTo(count)))
        .isEqualTo(Bytes32.fromHex(root));
  }

  @ParameterizedTest(name = "{0} uint64")
  @CsvSource({
    "3, 7e0adeccea8b17f07c3d1531a414d0b1f25543d5ddd519604ce30d5af83b1859",
    "5, 29918e0447260511bc5be0f7dbb9817201e16e30c56af228b9cb931a16e8799d",
    "20, c8a62a1a5fc7f814fafecb1d510213b25bda25425ab31c1ad7ff63c62c78307d",
    "21, ed360c03ecbdfbb6f4b1cf5d9cbf6887038423e31121700797de968a9969aaed",
    "84, 898e372f6bbc3baca40b0b736357fb2fb4badff01dffada10c725eeecf8cf9bd",
    "85, d6867a0b3368ebd6092807ac993865ecbc04e434ec41f8998152df59738705b5",
    "86, 3197503e039fe2acfc88f0962c651c068bf069217bcf7a7efa8b3d0bc02473e6"
  })
  void uint64Lists(final int count, final String root) {
    final SszProgressiveListSchema<Long> schema =
        new SszProgressiveListSchema<>(SszUintSchema.UINT64);

    assertThat(schema.hashTreeRoot(oneTo(count))).isEqualTo(Bytes32.fromHex(root));
    assertThat(schema.decode(schema.encode(oneTo(count)))).isEqualTo(oneTo(count));
  }

  @ParameterizedTest(name = "{0} uint256")
  @CsvSource({
    "2, 0bf6848f5c62ed7241d5461b8b28ba0a433f49a205643b1460748b1441342f73",
    "6, 76d03915aa777c431f6534cbd136b8f185b5df884546f52a8caa5db69ab49845",
    "22, 4eb1861dc5959f6495a5daa997dcab85fcfeae76b0596aa32048be2cc221ded4",
    "86, 6455343caa59ff27ba38e2fa12f5107f3a9ecd1849ba4028d11daadb3b01649f"
  })
  void fullChunkElementLists(final int count, final String root) {
    final List<BigInteger> values = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      values.add(BigInteger.valueOf(i));
    }

    assertThat(new SszProgressiveListSchema<>(SszBigUintSchema.UINT256).hashTreeRoot(values))
        .isEqualTo(Bytes32.fromHex(root));
  }

  @ParameterizedTest(name = "{0} true bits")
  @CsvSource({
    "0, " + EMPTY,
    "1, 905efb51c2764c2c7a4efb0548e372569df06db82115c3b1896c186632f3fe5b",
    "9, 3310d92ea95acd2753e76d449bd1cdbc90ba8ce90b6e7e51435cf88a5c11436e",
    "256, b3327406854ffab96af59832dfa3f690f72c4f898e2ffd4ef3e90cc2fb876b43",
    "257, be707c375a49431fdb06c00f7a4dcc9200d5613ea02999dc5e081913171bb8d0",
    "513, e1863d142701b924caf6e92f887f7f53059e9b63d08d7f02d66ca27f0ed228fc"
  })
  void allTrueBitlists(final int count, final String root) {
    final boolean[] bits = new boolean[count];
    java.util.Arrays.fill(bits, true);
    final SszProgressiveBitlistSchema schema = SszProgressiveBitlistSchema.INSTANCE;

    assertThat(schema.hashTreeRoot(Bitfield.of(bits))).isEqualTo(Bytes32.fromHex(root));
    assertThat(schema.encode(Bitfield.of(bits))).hasSize(count / 8 + 1);
  }

  @ParameterizedTest(name = "{0} alternating bits")
  @CsvSource({
    "2, 3ddf8417d70d875b60aa9f5123aae329c09d6768333e16529f6137c3e29586b7",
    "17, 41f9d716cea4a4b5b7481656f2f6fdcec09810714e5f809afbd742bac315fb90",
    "257, b458d2fffeaa2b0341cf44f4a31cf4d1754e56096ef0fb81ccc7d237f90b041c",
    "513, 21c5f9d1c3705672282c1c88187ca01c95f35fb0f1898c4af25576999de4a6f7"
  })
  void alternatingBitlists(final int count, final String root) {
    final boolean[] bits = new boolean[count];
    for (int i = 0; i < count; i++) {
      bits[i] = i % 2 == 1;
    }

    assertThat(SszProgressiveBitlistSchema.INSTANCE.hashTreeRoot(Bitfield.of(bits)))
        .isEqualTo(Bytes32.fromHex(root));
  }

  @Test
  void nestedProgressiveList() {
    final SszProgressiveListSchema<List<Long>> schema =
        new SszProgressiveListSchema<>(new SszProgressiveListSchema<>(SszUintSchema.UINT64));
    final List<List<Long>> value = List.of(List.of(1L, 2L), List.of(), List.of(3L));

    assertThat(Hex.encode(schema.encode(value)))
        .isEqualTo("0x0c0000001c0000001c000000010000000000000002000000000000000300000000000000");
    assertThat(schema.decode(schema.encode(value))).isEqualTo(value);
    assertThat(schema.hashTreeRoot(value))
        .isEqualTo(
            Bytes32.fromHex("5c7cf403ba442047fc83d723043514a5c0f8e9f22b048bbc8191bed49c6a6f94"));
  }

  /** {@code x: uint64, a: ProgressiveList[uint64], b: ProgressiveBitlist}. */
  private record Holder(long x, List<Long> a, Bitfield b) {}

  private static final SszField<Holder, Long> X = SszField.of("x", SszUintSchema.UINT64, Holder::x);
  private static final SszField<Holder, List<Long>> A =
      SszField.of("a", new SszProgressiveListSchema<>(SszUintSchema.UINT64), Holder::a);
  private static final SszField<Holder, Bitfield> B =
      SszField.of("b", SszProgressiveBitlistSchema.INSTANCE, Holder::b);
  private static final Holder HOLDER =
      new Holder(7, List.of(1L, 2L, 3L), Bitfield.of(true, false, true));
  private static final String HOLDER_BYTES =
      "0x070000000000000010000000280000000100000000000000020000000000000003000000000000000d";

  @Test
  void containerHoldingBothProgressiveShapes() {
    final SszContainerSchema<Holder> schema =
        SszContainerSchema.of(
            "ProgressiveHolder", List.of(X, A, B), v -> new Holder(v.get(X), v.get(A), v.get(B)));

    assertThat(Hex.encode(schema.encode(HOLDER))).isEqualTo(HOLDER_BYTES);
    assertThat(schema.decode(schema.encode(HOLDER))).isEqualTo(HOLDER);
    assertThat(schema.hashTreeRoot(HOLDER))
        .isEqualTo(
            Bytes32.fromHex("4d7b2d321882a440e729af4dd579ead329397efa0e61c6e1eeb5fa848a9e8f4e"));
  }

  @Test
  void progressiveContainerHoldingBothProgressiveShapes() {
    final SszProgressiveContainerSchema<Holder> schema =
        SszProgressiveContainerSchema.of(
            "ShapeHolder",
            ActiveFields.allActive(3),
            List.of(X, A, B),
            v -> new Holder(v.get(X), v.get(A), v.get(B)));

    assertThat(Hex.encode(schema.encode(HOLDER))).isEqualTo(HOLDER_BYTES);
    assertThat(schema.decode(schema.encode(HOLDER))).isEqualTo(HOLDER);
    assertThat(schema.hashTreeRoot(HOLDER))
        .isEqualTo(
            Bytes32.fromHex("0c621f05791743c263be5a717c45dec81b4c175d19572e4cca0d5933f7044f0e"));
  }

  /** EIP-7495's shapes: a {@code uint16} then a {@code uint8} at the given positions. */
  private record Shape(long first, long second) {}

  private static SszProgressiveContainerSchema<Shape> shape(final ActiveFields activeFields) {
    final SszField<Shape, Long> first = SszField.of("first", SszUintSchema.UINT16, Shape::first);
    final SszField<Shape, Long> second = SszField.of("second", SszUintSchema.UINT8, Shape::second);
    return SszProgressiveContainerSchema.of(
        "Shape", activeFields, List.of(first, second), v -> new Shape(v.get(first), v.get(second)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "square, 1 0 1, 5ebd038215d6c6868befbe172ffb9442b2f5ade276bd96eb304c1da38deff823",
    "circle, 0 1 1, 44dd01593fff4f0bea317b62a9e70d20f063e7413f331598d681d9e645fa8eae",
    "sparse, 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1,"
        + " 4ced50eb70f7547000227b026e875c87dfe4d4daa3be3f308f570268c5a55dc7"
  })
  void progressiveContainerLayouts(final String name, final String layout, final String root) {
    final SszProgressiveContainerSchema<Shape> schema = shape(activeFields(layout));
    final Shape value = new Shape(0x1234, 0x56);

    assertThat(Hex.encode(schema.encode(value))).isEqualTo("0x341256");
    assertThat(schema.decode(schema.encode(value))).isEqualTo(value);
    assertThat(schema.hashTreeRoot(value)).isEqualTo(Bytes32.fromHex(root));
  }

  @Test
  void progressiveListOfProgressiveContainers() {
    final SszProgressiveListSchema<Shape> schema =
        new SszProgressiveListSchema<>(shape(ActiveFields.of(1, 0, 1)));
    final List<Shape> value = List.of(new Shape(1, 2), new Shape(3, 4));

    assertThat(Hex.encode(schema.encode(value))).isEqualTo("0x010002030004");
    assertThat(schema.hashTreeRoot(value))
        .isEqualTo(
            Bytes32.fromHex("a892d5d4f0ef9b1f4e0c3f9fd9617f06d405561d56f676dcd9de228b2fbcbe59"));
  }

  private static ActiveFields activeFields(final String layout) {
    final String[] entries = layout.trim().split(" ");
    final int[] bits = new int[entries.length];
    for (int i = 0; i < entries.length; i++) {
      bits[i] = Integer.parseInt(entries[i]);
    }
    return ActiveFields.of(bits);
  }

  private static List<Long> oneTo(final int count) {
    final List<Long> values = new ArrayList<>();
    for (long i = 1; i <= count; i++) {
      values.add(i);
    }
    return values;
  }
}
