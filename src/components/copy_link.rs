use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlDocument, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    /// The field's id; its status is `{id}-status` to tests.
    pub id: &'static str,
    pub label: &'static str,
    /// The button's words.
    pub copy: &'static str,
    /// The link; `None` while there is nothing to share.
    pub url: Option<AttrValue>,
    /// Why there is no link, under the empty field.
    #[prop_or_default]
    pub missing: &'static str,
}

/// What the last press of the copy button did.
#[derive(Clone, Debug, PartialEq)]
enum Copy {
    Copied,
    Failed,
}

/// A link to hand on, read-only, and a button that copies it: the share
/// link of the current run, or a lesson's.
#[component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let input = use_node_ref();
    let copy = use_state_eq(|| None::<Copy>);
    {
        // A new link has not been copied yet.
        let copy = copy.setter();
        use_effect_with(props.url.clone(), move |_| copy.set(None));
    }

    let onclick = {
        let url = props.url.clone();
        let input = input.clone();
        let copy = copy.setter();
        Callback::from(move |_: MouseEvent| {
            let Some(url) = url.clone() else { return };
            let input = input.clone();
            let copy = copy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match write_clipboard(&url).await {
                    Ok(()) => Copy::Copied,
                    Err(_) => select_and_copy(&input),
                };
                copy.set(Some(outcome));
            });
        })
    };
    let onfocus = Callback::from(|event: FocusEvent| {
        event.target_unchecked_into::<HtmlInputElement>().select();
    });
    let message = match *copy {
        Some(Copy::Copied) => "Copied",
        Some(Copy::Failed) => {
            "Could not copy automatically: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it."
        }
        None => "",
    };
    let hint = format!("{}-hint", props.id);

    html! {
        <div class={classes!("copy-link", props.id)}>
            <div class="field link-field">
                <label for={props.id}>{props.label}</label>
                <input
                    id={props.id}
                    type="text"
                    readonly=true
                    ref={input}
                    value={props.url.clone().unwrap_or_default()}
                    aria-describedby={props.url.is_none().then_some(hint.clone())}
                    {onfocus}
                />
                if props.url.is_none() {
                    <p id={hint} class="field-hint">{props.missing}</p>
                }
            </div>
            <div class="actions">
                <button type="button" {onclick} disabled={props.url.is_none()}>
                    {props.copy}
                </button>
            </div>
            <p class="copy-status" role="status" aria-live="polite" data-testid={format!("{}-status", props.id)}>
                {message}
            </p>
        </div>
    }
}

/// `navigator.clipboard.writeText(text)`; an error where there is no
/// clipboard (an insecure page) or the browser refuses.
async fn write_clipboard(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let clipboard = window.navigator().clipboard();
    if JsValue::from(clipboard.clone()).is_undefined() {
        return Err(JsValue::from_str("no clipboard"));
    }
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ())
}

/// The older way: select the field and `document.execCommand("copy")`. The
/// field stays selected, so a failure still leaves the user one keystroke
/// from copying.
fn select_and_copy(input: &NodeRef) -> Copy {
    let Some(field) = input.cast::<HtmlInputElement>() else {
        return Copy::Failed;
    };
    field.select();
    let copied = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.dyn_into::<HtmlDocument>().ok())
        .map(|document| document.exec_command("copy"));
    match copied {
        Some(Ok(true)) => Copy::Copied,
        _ => Copy::Failed,
    }
}
