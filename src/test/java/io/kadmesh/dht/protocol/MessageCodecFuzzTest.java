package io.kadmesh.dht.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Random damage to valid frames: decoding must always answer, and whatever it accepts must be a real message. */
class MessageCodecFuzzTest {

    private static final long SEED = 0x6b61646d657368L;
    private static final String ALPHABET = "{}[]\":,\\ntrufalse0123456789-+.eE abcdef\u0000\u001f\u00e9\ud800\udc00\uffff";

    private final MessageCodec codec = new MessageCodec();

    @Test
    void mustNeverThrowOnTwoThousandRandomMutationsOfValidFrames() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> frames = SampleMessages.oneOfEach().stream().map(codec::encode).toList();
        int decoded = 0;
        for (int i = 0; i < 2_000; i++) {
            String mutant = mutate(frames.get(random.nextInt(frames.size())), random, 1 + random.nextInt(4));
            DecodeResult result = assertDoesNotThrow(() -> codec.decode(mutant), mutant);
            assertNotNull(result, mutant);
            if (result instanceof Decoded d) {
                decoded++;
                assertEquals(result, codec.decode(codec.encode(d.message())), mutant);
            } else {
                assertFalse(((DecodeError) result).detail().isBlank(), mutant);
            }
        }
        assertTrue(decoded < 2_000, "mutations must break some frames");
    }

    private static String mutate(String frame, SplittableRandom random, int times) {
        StringBuilder text = new StringBuilder(frame);
        for (int t = 0; t < times && text.length() > 0; t++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.setCharAt(at, randomChar(random));
                case 1 -> text.insert(at, randomChar(random));
                case 2 -> text.deleteCharAt(at);
                case 3 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(40))));
            }
        }
        return text.toString();
    }

    private static char randomChar(SplittableRandom random) {
        return random.nextInt(4) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
                : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
}
