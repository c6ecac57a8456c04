//! What an edit did beyond what the user touched, in words for the page to
//! announce: removing a stage re-points the stages that advanced to it,
//! moves the referrals that entered it and takes its people at the start.

use journey_core::Scenario;

use super::Edit;
use crate::format::grouped;

/// A stage's name as the editor shows it, quoted.
fn shown(name: &str, id: &str) -> String {
    format!("“{}”", super::change::shown(name, id))
}

impl Edit {
    /// What this edit did to `before` to make `after`, when the editor
    /// should say it: "Removed stage “Live account”. “Renewal” now advances
    /// nowhere (it is the last stage)."
    pub fn consequences(&self, before: &Scenario, after: &Scenario) -> Option<String> {
        match self {
            Edit::RemoveStage(i) => stage_removed(before, *i, after),
            _ => None,
        }
    }
}

fn stage_removed(before: &Scenario, i: usize, after: &Scenario) -> Option<String> {
    let removed = before.stages.get(i)?;
    let mut said = vec![format!(
        "Removed stage {}.",
        shown(&removed.name, &removed.id)
    )];
    for (j, st) in after.stages.iter().enumerate() {
        let was_next = before
            .stages
            .iter()
            .any(|old| old.id == st.id && old.next.as_deref() == Some(removed.id.as_str()));
        if !was_next {
            continue;
        }
        let name = shown(&st.name, &st.id);
        said.push(match after.stages.get(j + 1) {
            Some(following) => format!(
                "{name} now advances to the next stage, {}.",
                shown(&following.name, &following.id)
            ),
            None => format!("{name} now advances nowhere (it is the last stage)."),
        });
    }
    if before.referral_entry.as_deref() == Some(removed.id.as_str())
        && let Some(first) = after.stages.first()
    {
        said.push(format!(
            "Referrals now enter the first stage, {}.",
            shown(&first.name, &first.id)
        ));
    }
    match before.initial.get(&removed.id).copied().unwrap_or(0) {
        0 => {}
        1 => said.push("Its 1 person at the start went with it.".into()),
        n => said.push(format!(
            "Its {} people at the start went with it.",
            grouped(n)
        )),
    }
    Some(said.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{DEFAULT_SCENARIO, PRESETS};

    fn removed(json: &str, id: &str) -> String {
        let before = Scenario::from_json(json).unwrap();
        let i = before.stages.iter().position(|st| st.id == id).unwrap();
        let edit = Edit::RemoveStage(i);
        let after = edit.clone().apply(&before).unwrap();
        edit.consequences(&before, &after).unwrap()
    }

    fn preset(id: &str) -> &'static str {
        PRESETS.iter().find(|p| p.key == id).unwrap().json
    }

    #[test]
    fn removing_a_loop_target_says_where_the_loop_now_leads() {
        // "Renewal and expansion" is the last stage and loops back to
        // "Live account": without it, it advances nowhere.
        assert_eq!(
            removed(preset("b2b-saas"), "account"),
            "Removed stage “Live account”. “Renewal and expansion” now advances nowhere \
             (it is the last stage). Its 150 people at the start went with it."
        );
    }

    #[test]
    fn a_loop_from_a_middle_stage_now_leads_to_the_following_stage() {
        let mut s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        let ids: Vec<String> = s.stages.iter().map(|st| st.id.clone()).collect();
        s.stages[1].next = Some(ids[3].clone());
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            removed(&json, &ids[3]),
            format!(
                "Removed stage “{}”. “{}” now advances to the next stage, “{}”.",
                s.stages[3].name, s.stages[1].name, s.stages[2].name
            )
        );
    }

    #[test]
    fn removing_the_referral_entry_says_where_referrals_now_enter() {
        let s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        let entry = s.referral_entry.clone().unwrap();
        let name = &s.stages.iter().find(|st| st.id == entry).unwrap().name;
        let first = if s.stages[0].id == entry {
            &s.stages[1].name
        } else {
            &s.stages[0].name
        };
        assert_eq!(
            removed(DEFAULT_SCENARIO, &entry),
            format!("Removed stage “{name}”. Referrals now enter the first stage, “{first}”.")
        );
    }

    #[test]
    fn people_at_the_start_are_counted_in_words() {
        let s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        let (id, n) = s.initial.iter().max_by_key(|(_, n)| **n).unwrap();
        assert!(*n >= 1_000, "the example starts with thousands");
        assert!(removed(DEFAULT_SCENARIO, id).ends_with(&format!(
            "Its {} people at the start went with it.",
            grouped(*n)
        )),);
    }

    #[test]
    fn other_edits_say_nothing_more() {
        let s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        let edit = Edit::MoveStage { from: 0, to: 1 };
        let after = edit.clone().apply(&s).unwrap();
        assert_eq!(edit.consequences(&s, &after), None);
    }
}
