import { describe, expect, it } from 'vitest';
import { countLines } from './count.ts';

const lines = (text: string, file: string) => countLines(text, file);

describe('counting lines of code', () => {
  it('leaves out blank lines and line comments', () => {
    expect(lines('package a\n\n// a comment\n   \nfunc f() {}\n', 'a.go')).toBe(2);
  });

  it('counts a line with code before a comment', () => {
    expect(lines('x := 1 // why\n', 'a.go')).toBe(1);
  });

  it('leaves out every line of a block comment', () => {
    expect(lines('/*\n * one\n * two\n */\nint x;\n', 'a.cpp')).toBe(1);
  });

  it('counts code after a block comment closes on the same line', () => {
    expect(lines('/* a\n b */ int x;\n', 'a.cpp')).toBe(1);
  });

  it('does not take a comment marker inside a string for a comment', () => {
    const ts = 'const accept = "*/*";\nconst url = "http://x";\nconst y = 1;\n';
    expect(lines(ts, 'a.ts')).toBe(3);
  });

  it('does not open a block comment from a glob inside a string', () => {
    expect(lines('const g = "src/**/*.ts";\nconst h = 2;\n/* real */\n', 'a.ts')).toBe(2);
  });

  it('counts every non-blank line of a multi-line Go raw string', () => {
    expect(lines('var s = `\n/* not a comment\n\n*/`\nvar t = 1\n', 'a.go')).toBe(4);
  });

  it('nests Rust block comments', () => {
    expect(lines('/* outer /* inner */ still comment */\nfn f() {}\n', 'a.rs')).toBe(1);
  });

  it('does not nest C++ block comments', () => {
    expect(lines('/* a /* b */\nint x;\n', 'a.cpp')).toBe(1);
  });

  it('reads Rust lifetimes as code, not as the start of a char literal', () => {
    expect(lines("fn f<'a>(x: &'a str) -> &'a str {\n    // c\n    x\n}\n", 'a.rs')).toBe(3);
  });

  it('reads a Rust char literal holding a quote', () => {
    expect(lines("let q = '\"';\n// c\nlet r = 1;\n", 'a.rs')).toBe(2);
  });

  it('reads a Rust raw string with a comment marker inside', () => {
    expect(lines('let s = r#"/* "not" a comment"#;\nlet t = 1;\n', 'a.rs')).toBe(2);
  });

  it('reads a C++ raw string with a comment marker inside', () => {
    expect(lines('auto s = R"x(/* not */)x";\n/* yes */\nint y;\n', 'a.cpp')).toBe(2);
  });

  it('reads C++ digit separators as code, not as char literals', () => {
    expect(lines("int n = 1'000'000; /* c\n*/ int m;\n", 'a.cpp')).toBe(2);
  });

  it('reads a JavaScript regular expression holding a comment marker', () => {
    expect(lines('const re = /\\/\\*[^*]*/g;\nconst x = 1;\n', 'a.js')).toBe(2);
  });

  it('reads a division as a division', () => {
    expect(lines('const a = b / c; /* c\n*/ const d = 1;\n', 'a.ts')).toBe(2);
  });

  it('follows a template literal through its nested expressions', () => {
    expect(lines('const s = `a ${ {x: "}"}.x } /* not */ b`;\n// c\nconst t = 1;\n', 'a.ts')).toBe(2);
  });

  it('counts nothing in a file of an unknown language', () => {
    expect(lines('cmake_minimum_required(VERSION 3.25)\n', 'CMakeLists.txt')).toBe(0);
  });

  it('leaves out a Rust #[cfg(test)] module with its body', () => {
    const rs = 'fn f() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { assert!(true); }\n}\n';
    expect(lines(rs, 'a.rs')).toBe(1);
  });

  it('leaves out a Rust #[cfg(test)] declaration of a test file', () => {
    expect(lines('fn f() {}\n#[cfg(test)]\nmod tests;\n', 'a.rs')).toBe(1);
  });

  it('ignores braces inside strings when finding the end of a #[cfg(test)] item', () => {
    const rs = '#[cfg(test)]\nmod tests {\n    const S: &str = "}";\n}\nfn kept() {}\n';
    expect(lines(rs, 'a.rs')).toBe(1);
  });
});
