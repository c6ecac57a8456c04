//! Buttons at the top of the page, shown when the keyboard reaches them,
//! that move past the saved journeys' many buttons to the main sections.
//! Buttons, not `#` links: the page's address fragment is its share link.

use yew::prelude::*;

use super::focus::focus_first;

/// Each section's heading id (focusable) and its name.
const SECTIONS: [(&str, &str); 4] = [
    ("run-heading", "Simulation"),
    ("results-heading", "Results"),
    ("editor-heading", "Journey"),
    ("decision-heading", "Decision tools"),
];

pub fn skip_links() -> Html {
    html! {
        <nav class="skip-links" aria-label="Skip to">
            {for SECTIONS.iter().map(|&(id, name)| {
                let onclick = Callback::from(move |_: MouseEvent| focus_first(&[id.to_string()]));
                html! { <button type="button" {onclick}>{format!("Skip to {name}")}</button> }
            })}
        </nav>
    }
}
