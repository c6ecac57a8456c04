use std::rc::Rc;

use journey_core::calibration::SbgFit;
use journey_core::{Phase, Scenario, StageDrop};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::curve_text::{CurveKind, fit_conflict, fit_curve, param_text, with_sbg_drop};
use super::survival_chart::SurvivalChart;
use crate::app_state::Replacement;
use crate::components::editor::display_name;
use crate::format::percent;

#[derive(Properties, PartialEq)]
pub struct CalibrationPanelProps {
    pub scenario: Rc<Scenario>,
    pub on_change: Callback<Replacement>,
}

/// The stage a fit most likely belongs to: the first OWN stage already on
/// sBG churn, else the first OWN stage that loses people, else the first.
fn default_stage(scenario: &Scenario) -> usize {
    let own = |i: &usize| scenario.stages[*i].phase == Phase::Own;
    let all = 0..scenario.stages.len();
    all.clone()
        .filter(own)
        .find(|&i| matches!(scenario.stages[i].drop, StageDrop::Sbg { .. }))
        .or_else(|| {
            all.clone()
                .filter(own)
                .find(|&i| !scenario.stages[i].drop.is_zero())
        })
        .unwrap_or(0)
}

/// A log-likelihood with one decimal and a true minus sign.
fn log_likelihood_text(ll: f64) -> String {
    let text = format!("{ll:.1}");
    match text.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None => text,
    }
}

/// Paste a survival curve, fit the shifted-beta-geometric churn model to it,
/// compare observed, fitted and projected, and set a stage's churn to it.
#[component]
pub fn CalibrationPanel(props: &CalibrationPanelProps) -> Html {
    let scenario = &props.scenario;
    let text = use_state(String::new);
    let kind = use_state_eq(|| CurveKind::Percent);
    let fit = use_state(|| None::<Result<Rc<SbgFit>, String>>);
    let stage = use_state_eq(|| None::<usize>);
    let applied = use_state(|| None::<String>);
    let chosen_stage = stage
        .filter(|&i| i < scenario.stages.len())
        .unwrap_or_else(|| default_stage(scenario));

    let oninput = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            // A textarea's value, read without the web-sys feature for it.
            let value = event
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
                .and_then(|v| v.as_string());
            if let Some(value) = value {
                text.set(value);
            }
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |event: Event| {
            kind.set(CurveKind::from_key(
                &event.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let onsubmit = {
        let (text, kind, fit, applied) = (text.clone(), kind.clone(), fit.clone(), applied.clone());
        let horizon = scenario.months;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            applied.set(None);
            fit.set(Some(fit_curve(&text, *kind, horizon).map(Rc::new)));
        })
    };
    let on_stage = {
        let stage = stage.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            stage.set(value.parse().ok());
        })
    };

    let invalid = matches!(&*fit, Some(Err(_)));
    let fitted = match &*fit {
        Some(Ok(fit)) => format!(
            "Fitted: alpha {}, beta {}.",
            param_text(fit.alpha),
            param_text(fit.beta)
        ),
        _ => String::new(),
    };
    let result = match &*fit {
        None => html! {},
        Some(Err(message)) => html! {
            <p id="decision-curve-error" class="decision-error" role="alert"
                data-testid="curve-error">{message.clone()}</p>
        },
        Some(Ok(fit)) => {
            let on_apply = {
                let fit = fit.clone();
                let scenario = scenario.clone();
                let on_change = props.on_change.clone();
                let applied = applied.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(next) = with_sbg_drop(&scenario, chosen_stage, &fit) {
                        let s = &next.stages[chosen_stage];
                        let name = display_name(&s.name, &s.id);
                        applied.set(Some(format!(
                            "{name} now loses customers as the sBG fit (alpha {}, beta {}).",
                            param_text(fit.alpha),
                            param_text(fit.beta)
                        )));
                        on_change.emit(Replacement {
                            what: format!("applying the retention fit to “{name}”"),
                            scenario: next,
                        });
                    }
                })
            };
            let conflict = fit_conflict(scenario, chosen_stage, fit);
            let stages = scenario.stages.iter().enumerate().map(|(i, s)| {
                html! {
                    <option value={i.to_string()} selected={i == chosen_stage}>
                        {display_name(&s.name, &s.id)}
                    </option>
                }
            });
            html! {
                <div class="calibration-result" data-testid="fit">
                    <dl class="optimum-figures">
                        <div><dt>{"alpha"}</dt><dd data-testid="fit-alpha">{param_text(fit.alpha)}</dd></div>
                        <div><dt>{"beta"}</dt><dd data-testid="fit-beta">{param_text(fit.beta)}</dd></div>
                        <div><dt>{"Log-likelihood"}</dt><dd data-testid="fit-ll">{log_likelihood_text(fit.log_likelihood)}</dd></div>
                        <div><dt>{"Churn in month 1"}</dt><dd>{percent(fit.mean_monthly_churn_month1)}</dd></div>
                    </dl>
                    if fit.at_bound {
                        <p class="decision-note">
                            {"The curve pins alpha or beta down only as a limit (for example nobody left, \
                              or churn does not fall with tenure): the fit sits at a bound."}
                        </p>
                    }
                    <SurvivalChart fit={fit.clone()} />
                    if scenario.stages.is_empty() {
                        <p class="decision-note">{"Add a stage to apply the fit to."}</p>
                    } else {
                        <div class="apply-fit">
                            <div class="field">
                                <label for="decision-fit-stage">{"Stage"}</label>
                                <select id="decision-fit-stage" onchange={on_stage}>{for stages}</select>
                            </div>
                            <button type="button" class="primary" onclick={on_apply}
                                aria-describedby={conflict.is_some().then_some("decision-fit-conflict")}>
                                {"Apply to stage"}
                            </button>
                        </div>
                        if let Some(conflict) = conflict {
                            <p id="decision-fit-conflict" class="decision-note">{conflict}</p>
                        }
                    }
                    <p class="decision-added" role="status" data-testid="fit-applied">
                        {(*applied).clone()}
                    </p>
                </div>
            }
        }
    };

    html! {
        <details class="decision-tool" data-testid="calibration-panel">
            <summary>{"Retention calibration"}</summary>
            <div class="decision-body">
                <p class="decision-intro">
                    {"Fit heterogeneous churn (shifted-beta-geometric) to a cohort's observed survival \
                      curve, then use it for a stage."}
                </p>
                <form class="calibration-form" {onsubmit} novalidate=true>
                    <div class="field decision-field">
                        <label for="decision-curve-kind">{"Values are"}</label>
                        <select id="decision-curve-kind" onchange={on_kind}>
                            <option value={CurveKind::Percent.key()} selected={*kind == CurveKind::Percent}>
                                {"Percentages (from 100)"}
                            </option>
                            <option value={CurveKind::Counts.key()} selected={*kind == CurveKind::Counts}>
                                {"Cohort counts (people)"}
                            </option>
                        </select>
                    </div>
                    <div class="field decision-field curve-field">
                        <label for="decision-curve">{"Survival curve"}</label>
                        <textarea id="decision-curve" rows="4" spellcheck="false"
                            placeholder="100, 63.1, 46.8, 38.2, 32.6"
                            value={(*text).clone()} {oninput}
                            aria-invalid={invalid.to_string()}
                            aria-describedby={if invalid { "decision-curve-error" } else { "decision-curve-help" }} />
                        <p id="decision-curve-help" class="field-help">
                            {"One value per month from month 0, separated by commas, spaces or new lines."}
                        </p>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary">{"Fit"}</button>
                    </div>
                </form>
                {result}
                // Present before a fit, so that a screen reader hears its result.
                <p class="visually-hidden" role="status">{fitted}</p>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_stage_is_an_own_stage_that_loses_people() {
        let scenario =
            Scenario::from_json(include_str!("../../../examples/b2b-saas.json")).unwrap();
        let i = default_stage(&scenario);
        assert_eq!(scenario.stages[i].phase, Phase::Own);
        assert!(!scenario.stages[i].drop.is_zero());
        assert_eq!(
            default_stage(&Scenario {
                stages: Vec::new(),
                ..scenario
            }),
            0
        );
    }

    #[test]
    fn log_likelihoods_use_a_true_minus() {
        assert_eq!(log_likelihood_text(-1680.26), "\u{2212}1680.3");
        assert_eq!(log_likelihood_text(0.0), "0.0");
    }
}
