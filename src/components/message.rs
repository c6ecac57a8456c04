//! A message that may end with a list of problems, shown as a list.
//!
//! Messages travel as text, one problem per line after a line that ends
//! with a colon ("The file is not a scenario (4 problems):"); the list ends
//! the message (`format::not_opened` puts it there). Shown as a
//! list element, assistive technology announces how many there are and
//! lets the reader step through them; as text with line breaks they would
//! be read as one run.

use yew::prelude::*;

/// One part of a message: a sentence, or the lines listed under one.
#[derive(Debug, PartialEq)]
enum Block<'a> {
    Line(&'a str),
    List(Vec<&'a str>),
}

/// The lines of `text`, with the lines after one that ends with a colon
/// gathered into a list.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        out.push(Block::Line(line));
        if line.ends_with(':') {
            let items: Vec<&str> = lines.by_ref().collect();
            if !items.is_empty() {
                out.push(Block::List(items));
            }
        }
    }
    out
}

/// A message as the page shows it: one line as plain text, so that it can
/// sit in a sentence with a button after it; more as paragraphs and a list.
pub fn message(text: &str) -> Html {
    let blocks = blocks(text);
    if let [Block::Line(only)] = blocks.as_slice() {
        return Html::from(*only);
    }
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Line(line) => html! { <p class="message-line">{line}</p> },
            Block::List(items) => html! {
                <ul class="message-list">
                    { for items.into_iter().map(|item| html! { <li>{item}</li> }) }
                </ul>
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_after_a_colon_are_a_list() {
        assert_eq!(
            blocks(
                "a.json could not be imported.\nThe file is not a scenario (2 problems):\nmonths: x\nstages: y"
            ),
            vec![
                Block::Line("a.json could not be imported."),
                Block::Line("The file is not a scenario (2 problems):"),
                Block::List(vec!["months: x", "stages: y"]),
            ]
        );
    }

    #[test]
    fn a_message_without_a_list_is_its_lines() {
        assert_eq!(blocks("One line."), vec![Block::Line("One line.")]);
        assert_eq!(
            blocks("Not imported.\nThe file is not a scenario: months: x"),
            vec![
                Block::Line("Not imported."),
                Block::Line("The file is not a scenario: months: x")
            ]
        );
        // A colon with nothing after it starts no empty list.
        assert_eq!(blocks("Problems:"), vec![Block::Line("Problems:")]);
    }
}
