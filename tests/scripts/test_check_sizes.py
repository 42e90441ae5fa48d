"""scripts/check-sizes counts a function from its `fn` line to its closing brace, leaves tests
out, and fails on a function over 60 lines or a file over 400 (issue 24)."""
import contextlib
import importlib.machinery
import io
import importlib.util
import os
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "check-sizes")
_loader = importlib.machinery.SourceFileLoader("check_sizes", SCRIPT)
_spec = importlib.util.spec_from_loader("check_sizes", _loader)
check_sizes = importlib.util.module_from_spec(_spec)
_loader.exec_module(check_sizes)


def function(name, body_lines, indent=""):
    """A documented function of `body_lines` statements: body_lines + 2 lines counted."""
    body = "".join(f"{indent}    let x{k} = {k};\n" for k in range(body_lines))
    return f"{indent}/// Does {name}.\n{indent}#[inline]\n{indent}fn {name}() {{\n{body}{indent}}}\n"


class Counting(unittest.TestCase):
    def test_a_function_counts_from_fn_to_its_closing_brace_without_doc_or_attributes(self):
        functions, _ = check_sizes.measure("//! A module.\n\n" + function("long", 70))
        self.assertEqual(functions, [("long", 5, 72)])

    def test_braces_in_strings_comments_and_chars_do_not_end_a_function(self):
        text = (
            "fn tricky<'a>(s: &'a str) -> char {\n"
            '    let _ = "}}}";\n'
            '    let _ = r#"} "quoted" }"#;\n'
            "    // }\n"
            "    /* } /* nested } */ */\n"
            "    let _ = b'}';\n"
            "    '}'\n"
            "}\n"
            "fn after() {}\n"
        )
        functions, _ = check_sizes.measure(text)
        self.assertEqual(functions, [("tricky", 1, 8), ("after", 9, 1)])

    def test_a_closure_counts_toward_its_function_and_a_nested_fn_is_its_own(self):
        closure = "fn outer() {\n    let f = |a: i32| {\n" + "        a;\n" * 5 + "    };\n}\n"
        self.assertEqual(check_sizes.measure(closure)[0], [("outer", 1, 9)])
        nested = "fn outer() {\n" + function("inner", 10, "    ") + "    inner();\n}\n"
        self.assertEqual(
            check_sizes.measure(nested)[0], [("outer", 1, 3 + 2), ("inner", 4, 12)]
        )

    def test_a_declaration_without_body_and_a_fn_pointer_type_are_not_functions(self):
        text = "trait T {\n    fn declared(&self);\n}\ntype F = fn(i32) -> i32;\n"
        self.assertEqual(check_sizes.measure(text)[0], [])

    def test_a_cfg_test_module_is_ignored_and_its_lines_leave_the_file(self):
        tests = "#[cfg(test)]\n#[allow(clippy::unwrap_used)]\nmod tests {\n" + function("long_test", 80, "    ") + "}\n"
        text = function("short", 3) + "\n" + tests
        functions, lines = check_sizes.measure(text)
        self.assertEqual(functions, [("short", 3, 5)])
        self.assertEqual(lines, 7 + 1)  # the function and the blank line

    def test_a_function_under_cfg_not_test_is_counted(self):
        functions, _ = check_sizes.measure("#[cfg(not(test))]\n" + function("real", 61))
        self.assertEqual(functions, [("real", 4, 63)])


class Tree(unittest.TestCase):
    def write(self, root, path, text):
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as file:
            file.write(text)

    def test_long_functions_and_files_are_found_outside_test_files(self):
        with tempfile.TemporaryDirectory() as root:
            self.write(root, "crates/a/src/lib.rs", "\n" + function("long", 59) + function("ok", 58))
            self.write(root, "crates/a/src/big.rs", "// line\n" * 401)
            self.write(root, "src-tauri/src/main.rs", function("fine", 10))
            self.write(root, "crates/a/src/lib_tests.rs", function("long_test", 90))
            self.write(root, "crates/a/src/tests/it.rs", function("long_test", 90))
            self.write(root, "crates/a/benches/b.rs", function("long_bench", 90))
            self.write(root, "crates/a/tests/it/main.rs", function("long_it", 90))
            self.assertEqual(
                check_sizes.findings(root),
                ["crates/a/src/big.rs:1 file: 401 lines", "crates/a/src/lib.rs:4 fn long: 61 lines"],
            )
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                self.assertEqual(check_sizes.main(["check-sizes", root]), 1)

    def test_a_tree_within_the_limits_passes(self):
        with tempfile.TemporaryDirectory() as root:
            self.write(root, "crates/a/src/lib.rs", function("ok", 58) + "// x\n" * 300)
            self.assertEqual(check_sizes.findings(root), [])
            self.assertEqual(check_sizes.main(["check-sizes", root]), 0)


if __name__ == "__main__":
    unittest.main()
