//! Tests of `tree_shape` (in their own file, to keep the module short).

use super::*;

#[test]
fn nesting_counts_open_elements_as_the_parser_does() {
    // Found by fuzzing: end tags that close nothing used to lower the count.
    let mismatched = "<div></i>".repeat(MAX_NESTING + 1);
    assert!(!simple_enough(&mismatched));
    let closed = "<div><i></i></div>".repeat(MAX_TAGS / 4);
    assert!(simple_enough(&closed));
    // `</div>` closes the `<b>` left open inside it.
    let unclosed_inside = "<div><b>x</div>".repeat(MAX_NESTING * 2);
    assert!(simple_enough(&unclosed_inside));
    // A long list whose items leave out `</li>` is not deep.
    let list = format!("<ul>{}</ul>", "<li>item".repeat(MAX_NESTING * 2));
    assert!(simple_enough(&list));
    let deep = "<div>".repeat(MAX_NESTING + 1);
    assert!(!simple_enough(&deep));
}

#[test]
fn an_end_tag_does_not_close_past_a_block_it_does_not_name() {
    // The audit's shape: 1,666 of these pass as two deep where the parser builds 3,332.
    let seed = "<span><div></span>";
    assert!(simple_enough(&seed.repeat(10)));
    assert!(!simple_enough(&seed.repeat(1_666)));
    assert!(!simple_enough(&seed.repeat(MAX_NESTING / 2 + 1)));
}

#[test]
fn a_formatting_end_tag_behind_a_table_closes_nothing() {
    // Found by `scripts/fuzz`: `</b>` inside a table is ignored, so each `<b>` nests.
    let page = "<b><table></b></table>".repeat(MAX_NESTING + 1);
    assert!(!simple_enough(&page));
}

#[test]
fn formatting_elements_a_block_closed_are_counted_as_rebuilt() {
    // The audit's shape: 1,666 of these (5,000 tags) make the parser build 1,391,944.
    let page: String = (0..1_666).map(|n| format!("<p><b id={n}></p>")).collect();
    assert!(!simple_enough(&page));
    // Closed in order, the same paragraphs are simple.
    let closed: String = (0..1_000)
        .map(|n| format!("<p><b id={n}>x</b></p>"))
        .collect();
    assert!(simple_enough(&closed));
}
