use std::rc::Rc;

use journey_core::Phase;
use journey_core::{Problems, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{
    Choice, NumberInput, SelectInput, UncertainInput, ValueKind, display_name, field_problems,
    fields_only, messages_at, messages_under,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct JourneySettingsProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// The journey's name, months, arrivals per month, currency, discount
/// rate, the CLV horizon and where referrals enter the journey.
#[component]
pub fn JourneySettings(props: &JourneySettingsProps) -> Html {
    let s = &props.scenario;
    let on_change = &props.on_change;
    let name = messages_at(&props.problems, &["name"]);
    let on_name = on_change.reform(|event: InputEvent| {
        Edit::SetName(event.target_unchecked_into::<HtmlInputElement>().value())
    });
    let months = messages_under(&props.problems, "months");
    let currency = messages_under(&props.problems, "currency");
    let rate = messages_under(&props.problems, "discount_rate");
    let on_currency = on_change.reform(|event: InputEvent| {
        Edit::SetCurrency(event.target_unchecked_into::<HtmlInputElement>().value())
    });
    let referral = messages_under(&props.problems, "referral_entry");
    let horizon = messages_under(&props.problems, "clv_horizon_months");
    // Problems with the people at the start as a whole (each stage's own
    // count is checked next to it).
    let initial: Vec<AttrValue> = messages_at(&props.problems, &["initial"])
        .into_iter()
        .map(|m| AttrValue::from(format!("People at the start: {m}")))
        .collect();
    let on_referral = on_change
        .reform(|value: String| Edit::SetReferralEntry((!value.is_empty()).then_some(value)));
    let first = s
        .stages
        .first()
        .map(|st| format!("The first stage ({})", display_name(&st.name, &st.id)))
        .unwrap_or_else(|| "The first stage".into());
    let entry = s.referral_entry.as_ref();
    // Referrals enter a `buy` stage; a choice that breaks that rule stays
    // listed so that its problem can be seen and fixed.
    let entries: Vec<Choice> = std::iter::once(Choice::new("", first))
        .chain(
            s.stages
                .iter()
                .filter(|st| st.phase == Phase::Buy || entry == Some(&st.id))
                .map(|st| Choice::new(st.id.clone(), display_name(&st.name, &st.id))),
        )
        .collect();
    html! {
        <form class="editor-settings" onsubmit={fields_only()} novalidate=true>
            <div class="field field-wide">
                <label for="journey-name">{"Journey name"}</label>
                {text_input("journey-name", &s.name, Some("Untitled journey"), name, on_name)}
            </div>
            <div class="field">
                <label for="months">{"Months"}</label>
                <NumberInput
                    id="months"
                    value={f64::from(s.months)}
                    whole=true
                    invalid={!months.is_empty()}
                    described_by={(!months.is_empty()).then_some(AttrValue::from("months-problems"))}
                    on_change={on_change.reform(|x: f64| Edit::SetMonths(x as u32))}
                />
                {field_problems("months-problems", months)}
            </div>
            <UncertainInput
                id="arrivals"
                kind={ValueKind::Amount}
                label="Arrivals per month"
                value={s.arrivals_per_month}
                problems={messages_under(&props.problems, "arrivals_per_month")}
                on_change={on_change.reform(Edit::SetArrivals)}
            />
            <div class="field">
                <label for="currency">{"Currency"}</label>
                {text_input("currency", &s.currency, None, currency, on_currency)}
            </div>
            <div class="field">
                <label for="discount-rate">{"Discount rate (per year)"}</label>
                <NumberInput
                    id="discount-rate"
                    value={s.discount_rate}
                    invalid={!rate.is_empty()}
                    described_by={(!rate.is_empty()).then_some(AttrValue::from("discount-rate-problems"))}
                    on_change={on_change.reform(Edit::SetDiscountRate)}
                />
                {field_problems("discount-rate-problems", rate)}
            </div>
            <div class="field">
                <label for="clv-horizon">{"CLV horizon (months)"}</label>
                <NumberInput
                    id="clv-horizon"
                    value={f64::from(s.clv_horizon_months)}
                    whole=true
                    invalid={!horizon.is_empty()}
                    described_by={(!horizon.is_empty()).then_some(AttrValue::from("clv-horizon-problems"))}
                    on_change={on_change.reform(|x: f64| Edit::SetClvHorizon(x as u32))}
                />
                {field_problems("clv-horizon-problems", horizon)}
            </div>
            <div class="field referral-entry">
                <label for="referral-entry">{"Referrals enter at"}</label>
                <SelectInput
                    id="referral-entry"
                    value={entry.cloned().unwrap_or_default()}
                    choices={entries}
                    invalid={!referral.is_empty()}
                    described_by={(!referral.is_empty()).then_some(AttrValue::from("referral-entry-problems"))}
                    on_change={on_referral}
                />
                {field_problems("referral-entry-problems", referral)}
            </div>
            {field_problems("initial-problems", initial)}
        </form>
    }
}

/// A text field `id` and, under it, its problems (`{id}-problems`).
fn text_input(
    id: &'static str,
    value: &str,
    placeholder: Option<&'static str>,
    problems: Vec<AttrValue>,
    oninput: Callback<InputEvent>,
) -> Html {
    let problems_id = format!("{id}-problems");
    let invalid = !problems.is_empty();
    html! {
        <>
            <input
                {id}
                type="text"
                autocomplete="off"
                value={value.to_string()}
                {placeholder}
                aria-invalid={invalid.to_string()}
                aria-describedby={invalid.then(|| problems_id.clone())}
                {oninput}
            />
            {field_problems(problems_id, problems)}
        </>
    }
}
