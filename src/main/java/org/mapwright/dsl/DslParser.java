package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.parser.MapwrightLexer;
import org.mapwright.dsl.parser.MapwrightParser;

/**
 * Parses DSL text into an {@link Ast.SourceFile}. A syntax error stops the file at the first one, reported as
 * {@code file:line:col: error: unexpected X; expected Y}; later errors would mostly be echoes of the first.
 */
public final class DslParser {
    private DslParser() {
    }

    /** Largest input accepted, so that a mistaken path to a huge file fails fast instead of exhausting memory. */
    public static final int MAX_CHARS = 16 << 20;

    public static Ast.SourceFile parse(String file, String text) {
        if (text.length() > MAX_CHARS) {
            throw new InputException(SourceSpan.file(file), "The file is larger than 16 MiB; DSL files are small text files, so check the path.");
        }
        MapwrightLexer lexer = new MapwrightLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        MapwrightParser parser = new MapwrightParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        FirstError listener = new FirstError(file);
        parser.addErrorListener(listener);
        MapwrightParser.FileContext tree = parser.file();
        if (listener.first != null) {
            throw new InputException(List.of(listener.first));
        }
        return new AstBuilder(file).build(tree);
    }

    private static final class FirstError extends BaseErrorListener {
        private final String file;
        Diagnostic first;

        FirstError(String file) {
            this.file = file;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            if (first != null) {
                return;
            }
            SourceSpan span = SourceSpan.of(file, line, col + 1);
            if (!(offending instanceof Token tok) || !(recognizer instanceof Parser parser)) {
                first = Diagnostic.error(span, msg);
                return;
            }
            IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
            first = Diagnostic.error(span, describe(tok, expected, parser));
        }
    }

    static String describe(Token tok, IntervalSet expected, Parser parser) {
        switch (tok.getType()) {
            case MapwrightLexer.UNTERMINATED_COMMENT:
                return "This comment never ends; close it with */.";
            case MapwrightLexer.UNTERMINATED_STRING:
                return "This string never ends; close it with \" on the same line.";
            case MapwrightLexer.ERROR_CHAR:
                return "Unexpected character '" + tok.getText() + "'" + expecting(expected, parser) + ".";
            case Token.EOF:
                return "Unexpected end of file" + expecting(expected, parser) + "; is a closing brace missing?";
            default:
                return "Unexpected " + show(tok) + expecting(expected, parser) + ".";
        }
    }

    private static String show(Token tok) {
        return switch (tok.getType()) {
            case MapwrightLexer.ID -> "name '" + tok.getText() + "'";
            case MapwrightLexer.INT, MapwrightLexer.DECIMAL -> "number " + tok.getText();
            case MapwrightLexer.STRING -> "string " + tok.getText();
            case MapwrightLexer.MESH -> "mesh '" + tok.getText() + "'";
            default -> "'" + tok.getText() + "'";
        };
    }

    private static String expecting(IntervalSet expected, Parser parser) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        Set<String> words = new LinkedHashSet<>();
        boolean name = expected.contains(MapwrightLexer.ID);
        List<String> keywords = new ArrayList<>();
        for (int type : expected.toList()) {
            if (type == Token.EOF) {
                words.add("end of file");
            } else if (type == MapwrightLexer.ID) {
                continue;
            } else if (type == MapwrightLexer.INT) {
                words.add("an integer");
            } else if (type == MapwrightLexer.DECIMAL) {
                words.add("a number");
            } else if (type == MapwrightLexer.STRING) {
                words.add("a string in double quotes");
            } else if (type == MapwrightLexer.MESH) {
                words.add("a mesh such as 14 x 12");
            } else {
                String lit = parser.getVocabulary().getLiteralName(type);
                if (lit != null) {
                    keywords.add(lit);
                }
            }
        }
        if (words.contains("an integer") && words.contains("a number")) {
            words.remove("an integer");
        }
        List<String> all = new ArrayList<>();
        if (name) {
            // names may also be soft keywords; listing those would only confuse
            keywords.removeIf(k -> Character.isLetter(k.charAt(1)) && !isStatementKeyword(k));
            all.add("a name");
        }
        all.addAll(keywords);
        all.addAll(words);
        if (all.isEmpty()) {
            return "";
        }
        if (all.size() > 10) {
            all = new ArrayList<>(all.subList(0, 10));
            all.add("...");
        }
        if (all.size() == 1) {
            return "; expected " + all.get(0);
        }
        if (all.size() == 2) {
            return "; expected " + all.get(0) + " or " + all.get(1);
        }
        return "; expected one of " + String.join(", ", all);
    }

    private static boolean isStatementKeyword(String literal) {
        return switch (literal) {
            case "'include'", "'workload'", "'layer'", "'network'", "'accelerator'", "'mapping'", "'level'",
                 "'fanout'", "'compute'" -> true;
            default -> false;
        };
    }
}
