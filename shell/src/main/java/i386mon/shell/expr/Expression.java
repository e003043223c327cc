package i386mon.shell.expr;

/**
 * Parses and evaluates one monitor expression in 32-bit unsigned arithmetic.
 *
 * <p>Precedence, loosest first: {@code ||}, {@code &&}, comparisons ({@code == != < <= > >=}),
 * {@code |}, {@code ^}, {@code &}, shifts, {@code + -}, {@code * / %}, unary {@code - ~ !}. Unlike
 * C, the bitwise operators bind tighter than comparisons (as in Python), so that
 * {@code [0xB8000] & 0xff == 'K'} means what it reads as. Comparisons and logical operators give
 * 0 or 1; {@code &&} and {@code ||} do not evaluate (nor read memory for) their right side when
 * the left decides. Shifts by 32 or more give 0, as the value is 32 bits wide. A number with a
 * leading 0 is octal, as in C, QEMU and gdb ({@code 010} is 8).
 *
 * <p>A whole expression may be {@code SEGMENT:OFFSET} ({@code 0x7c0:0}, {@code $cs:$ip}), two
 * expressions whose linear address the context forms for the current mode ({@link ExprContext#segmented}).
 */
public final class Expression {
    private static final long MASK = 0xFFFF_FFFFL;
    /** Deepest nesting of parentheses, brackets and unary operators: a deeper one is refused, not a stack overflow. */
    public static final int MAX_DEPTH = 200;

    private final String text;
    private final ExprContext ctx;
    private int pos;
    private int depth;

    private Expression(String text, ExprContext ctx) {
        this.text = text;
        this.ctx = ctx;
    }

    /** Evaluates {@code text}; returns the value as an unsigned 32-bit number in a long. */
    public static long evaluate(String text, ExprContext ctx) {
        return new Expression(text, ctx).whole(true);
    }

    /**
     * Checks that {@code text} is a well-formed expression without evaluating it: no register,
     * symbol or memory is read, so a condition can be set before what it reads exists.
     */
    public static void check(String text) {
        new Expression(text, ExprContext.NONE).whole(false);
    }

    private long whole(boolean live) {
        skipSpace();
        if (atEnd()) throw new ExprException("empty expression");
        long v = orExpr(live);
        if (accept(":")) {
            long offset = orExpr(live);
            v = live ? ctx.segmented(v, offset) & MASK : 0;
        }
        skipSpace();
        if (!atEnd()) throw new ExprException("unexpected '" + text.charAt(pos) + "' at column " + (pos + 1) + " in: " + text);
        return v;
    }

    /** Evaluates and returns the value as a Java int (same 32 bits). */
    public static int evaluateInt(String text, ExprContext ctx) {
        return (int) evaluate(text, ctx);
    }

    private long orExpr(boolean live) {
        long v = andExpr(live);
        while (accept("||")) {
            boolean rightLive = live && v == 0;
            long r = andExpr(rightLive);
            v = (v != 0 || (rightLive && r != 0)) ? 1 : 0;
        }
        return v;
    }

    private long andExpr(boolean live) {
        long v = comparison(live);
        while (accept("&&")) {
            boolean rightLive = live && v != 0;
            long r = comparison(rightLive);
            v = (v != 0 && rightLive && r != 0) ? 1 : 0;
        }
        return v;
    }

    private long comparison(boolean live) {
        long v = bitOr(live);
        while (true) {
            if (accept("==")) v = v == bitOr(live) ? 1 : 0;
            else if (accept("!=")) v = v != bitOr(live) ? 1 : 0;
            else if (accept("<=")) v = v <= bitOr(live) ? 1 : 0;
            else if (accept(">=")) v = v >= bitOr(live) ? 1 : 0;
            else if (acceptNot("<", "<")) v = v < bitOr(live) ? 1 : 0;
            else if (acceptNot(">", ">")) v = v > bitOr(live) ? 1 : 0;
            else return v;
        }
    }

    private long bitOr(boolean live) {
        long v = bitXor(live);
        while (acceptNot("|", "|")) v |= bitXor(live);
        return v;
    }

    private long bitXor(boolean live) {
        long v = bitAnd(live);
        while (accept("^")) v ^= bitAnd(live);
        return v;
    }

    private long bitAnd(boolean live) {
        long v = shift(live);
        while (acceptNot("&", "&")) v &= shift(live);
        return v;
    }

    private long shift(boolean live) {
        long v = additive(live);
        while (true) {
            if (accept("<<")) v = shifted(v, additive(live), true);
            else if (accept(">>")) v = shifted(v, additive(live), false);
            else return v;
        }
    }

    /** A 32-bit value shifted by {@code count}: every bit is shifted out from 32 on (unlike Java's shift by count mod 32). */
    private static long shifted(long v, long count, boolean left) {
        if (count >= 32) return 0;
        return left ? (v << count) & MASK : v >>> count;
    }

    private long additive(boolean live) {
        long v = multiplicative(live);
        while (true) {
            if (accept("+")) v = (v + multiplicative(live)) & MASK;
            else if (accept("-")) v = (v - multiplicative(live)) & MASK;
            else return v;
        }
    }

    private long multiplicative(boolean live) {
        long v = unary(live);
        while (true) {
            if (accept("*")) v = (v * unary(live)) & MASK;
            else if (accept("/")) v = v / divisor(unary(live), live);
            else if (accept("%")) v = v % divisor(unary(live), live);
            else return v;
        }
    }

    private static long divisor(long d, boolean live) {
        if (d != 0) return d;
        if (live) throw new ExprException("division by zero");
        return 1; // dead branch of && or ||: never reported
    }

    private long unary(boolean live) {
        if (++depth > MAX_DEPTH) throw new ExprException("expression nested too deeply (more than " + MAX_DEPTH + " levels): " + text);
        try {
            return unaryOperand(live);
        } finally {
            depth--;
        }
    }

    private long unaryOperand(boolean live) {
        if (accept("-")) return (-unary(live)) & MASK;
        if (accept("+")) return unary(live);
        if (accept("~")) return (~unary(live)) & MASK;
        if (acceptNot("!", "=")) return unary(live) == 0 ? 1 : 0;
        return primary(live);
    }

    private long primary(boolean live) {
        skipSpace();
        if (atEnd()) throw new ExprException("unexpected end of expression: " + text);
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            long v = orExpr(live);
            expect(")");
            return v;
        }
        if (c == '[') {
            pos++;
            long addr = orExpr(live);
            expect("]");
            return live ? ctx.readVirtual32(addr) & MASK : 0;
        }
        if (c == '\'') return charLiteral();
        if (c == '$') {
            pos++;
            String name = identifier();
            if (name.isEmpty()) throw new ExprException("register name expected after '$'");
            return live ? ctx.register(name.toLowerCase(java.util.Locale.ROOT)) & MASK : 0;
        }
        if (Character.isDigit(c)) return number();
        if (isIdentStart(c)) {
            String name = identifier();
            return live ? ctx.symbol(name) & MASK : 0;
        }
        throw new ExprException("unexpected '" + c + "' at column " + (pos + 1) + " in: " + text);
    }

    private long number() {
        int start = pos;
        int radix = 10;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) { radix = 16; pos += 2; }
        else if (text.startsWith("0b", pos) || text.startsWith("0B", pos)) { radix = 2; pos += 2; }
        else if (text.startsWith("0", pos) && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) { radix = 8; pos += 1; }
        int digitsStart = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) pos++;
        String digits = text.substring(digitsStart, pos);
        String literal = text.substring(start, pos);
        if (digits.isEmpty()) throw new ExprException("bad number: " + literal);
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) throw new ExprException("bad number: " + literal);
            v = v * radix + d;
            if (v > MASK) throw new ExprException("number does not fit in 32 bits: " + literal);
        }
        return v;
    }

    private long charLiteral() {
        int start = pos;
        pos++; // opening quote
        if (atEnd()) throw new ExprException("unterminated character literal");
        char c = text.charAt(pos++);
        long v;
        if (c == '\\') {
            if (atEnd()) throw new ExprException("unterminated character literal");
            char e = text.charAt(pos++);
            switch (e) {
                case 'n': v = '\n'; break;
                case 'r': v = '\r'; break;
                case 't': v = '\t'; break;
                case '0': v = 0; break;
                case '\\': v = '\\'; break;
                case '\'': v = '\''; break;
                default: throw new ExprException("unknown escape '\\" + e + "' in character literal");
            }
        } else {
            v = c;
        }
        if (atEnd() || text.charAt(pos) != '\'') {
            throw new ExprException("unterminated character literal: " + text.substring(start, Math.min(text.length(), pos)));
        }
        pos++;
        if (v > 0xFF) throw new ExprException("character literal is not one byte: " + text.substring(start, pos));
        return v;
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && isIdentPart(text.charAt(pos))) pos++;
        return text.substring(start, pos);
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.';
    }

    static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private void expect(String token) {
        if (!accept(token)) {
            skipSpace();
            String found = atEnd() ? "end of expression" : "'" + text.charAt(pos) + "'";
            throw new ExprException("'" + token + "' expected but found " + found + " in: " + text);
        }
    }

    /** Consumes {@code token} if it comes next. */
    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    /** Consumes {@code token} if it comes next and is not followed by {@code notFollowedBy}. */
    private boolean acceptNot(String token, String notFollowedBy) {
        skipSpace();
        if (text.startsWith(token, pos) && !text.startsWith(notFollowedBy, pos + token.length())
                && !text.startsWith("=", pos + token.length())) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }
}
