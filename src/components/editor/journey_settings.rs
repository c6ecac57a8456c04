use std::rc::Rc;

use journey_core::{Problems, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{FieldProblems, NumberInput, UncertainInput, messages_under};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct JourneySettingsProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// Months, arrivals per month, currency and discount rate.
#[component]
pub fn JourneySettings(props: &JourneySettingsProps) -> Html {
    let s = &props.scenario;
    let on_change = &props.on_change;
    let months = messages_under(&props.problems, "months");
    let currency = messages_under(&props.problems, "currency");
    let rate = messages_under(&props.problems, "discount_rate");
    let on_currency = on_change.reform(|event: InputEvent| {
        Edit::SetCurrency(event.target_unchecked_into::<HtmlInputElement>().value())
    });
    html! {
        <div class="editor-settings">
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
                <FieldProblems id="months-problems" problems={months} />
            </div>
            <UncertainInput
                id="arrivals"
                label="Arrivals per month"
                value={s.arrivals_per_month}
                problems={messages_under(&props.problems, "arrivals_per_month")}
                on_change={on_change.reform(Edit::SetArrivals)}
            />
            <div class="field">
                <label for="currency">{"Currency"}</label>
                <input
                    id="currency"
                    type="text"
                    autocomplete="off"
                    value={s.currency.clone()}
                    aria-invalid={(!currency.is_empty()).to_string()}
                    aria-describedby={(!currency.is_empty()).then_some("currency-problems")}
                    oninput={on_currency}
                />
                <FieldProblems id="currency-problems" problems={currency} />
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
                <FieldProblems id="discount-rate-problems" problems={rate} />
            </div>
        </div>
    }
}
