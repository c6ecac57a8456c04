//! The journey at a glance: each stage in order with its owner, how much of
//! its advance rate friction leaves, and where it passes customers to
//! another department (a hand-off, whose friction MODEL.md §3 charges on
//! that advance). A probability's range is a Beta whose mean is its middle
//! (MODEL.md §2), and the draws are independent, so taking each at its
//! middle gives the mean rate after friction, before any run.

use journey_core::{Phase, Scenario, Uncertain};

use crate::components::editor::{department_name, display_name};

/// One stage as the map shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct MapStage {
    pub name: String,
    pub phase: Phase,
    pub owner: String,
    /// The owner's place among the departments, which picks its colour;
    /// `None` when no department has the owner's id.
    pub owner_index: Option<usize>,
    /// Advance per month as entered, and what the owner's friction and any
    /// hand-off friction leave of it.
    pub advance: f64,
    pub advance_after_friction: f64,
    /// Where advancing leads; `None` for a stage that advances nowhere
    /// (the last one, or one whose advance rate is 0).
    pub leads_to: Option<Lead>,
}

/// Where a stage's advancing customers go.
#[derive(Clone, Debug, PartialEq)]
pub struct Lead {
    pub stage: usize,
    pub name: String,
    /// The stage listed right after (no `next` named, or `next` names it).
    pub follows: bool,
    /// The department the customers pass to, when it is another one.
    pub handoff: Option<Handoff>,
}

impl Lead {
    /// The friction of the hand-off crossed, when there is one with any:
    /// where the map asks to look.
    pub fn handoff_friction(&self) -> Option<Uncertain> {
        self.handoff
            .as_ref()
            .and_then(|h| h.friction)
            .filter(|f| !f.is_zero())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Handoff {
    pub to: String,
    /// The hand-off's friction as entered; `None` when the pair is not
    /// listed among the hand-offs (no friction there).
    pub friction: Option<Uncertain>,
}

/// The map of the journey: its stages in order, and the stage referrals
/// enter when any stage has advocacy.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyMap {
    pub stages: Vec<MapStage>,
    pub referrals_enter: Option<String>,
}

impl JourneyMap {
    /// Reads any journey, valid or not: a name that matches nothing is
    /// shown as it is, a `next` that matches no stage leads nowhere.
    pub fn of(s: &Scenario) -> JourneyMap {
        let department = |id: &str| s.departments.iter().position(|d| d.id == id);
        let friction =
            |id: &str| department(id).map_or(0.0, |d| probability(&s.departments[d].friction));
        let stages = s
            .stages
            .iter()
            .enumerate()
            .map(|(index, stage)| {
                let advance = probability(&stage.advance);
                let target = match &stage.next {
                    Some(id) => s.stages.iter().position(|t| &t.id == id),
                    None => Some(index + 1).filter(|&t| t < s.stages.len()),
                }
                .filter(|_| advance > 0.0);
                let leads_to = target.map(|t| {
                    let to = &s.stages[t];
                    let handoff = (to.owner != stage.owner).then(|| Handoff {
                        to: department_name(s, &to.owner),
                        friction: s
                            .handoffs
                            .iter()
                            .find(|h| h.from == stage.owner && h.to == to.owner)
                            .map(|h| h.friction),
                    });
                    Lead {
                        stage: t,
                        name: display_name(&to.name, &to.id),
                        follows: t == index + 1,
                        handoff,
                    }
                });
                let seam = leads_to
                    .as_ref()
                    .and_then(Lead::handoff_friction)
                    .map_or(0.0, |f| probability(&f));
                MapStage {
                    name: display_name(&stage.name, &stage.id),
                    phase: stage.phase,
                    owner: department_name(s, &stage.owner),
                    owner_index: department(&stage.owner),
                    advance,
                    advance_after_friction: advance * (1.0 - friction(&stage.owner)) * (1.0 - seam),
                    leads_to,
                }
            })
            .collect();
        let referrals_enter = s
            .stages
            .iter()
            .any(|st| st.advocacy.central() > 0.0)
            .then(|| {
                let entry = s.referral_entry.as_deref();
                s.stages
                    .iter()
                    .find(|st| Some(st.id.as_str()) == entry)
                    .or(s.stages.first())
                    .map(|st| display_name(&st.name, &st.id))
            })
            .flatten();
        JourneyMap {
            stages,
            referrals_enter,
        }
    }
}

/// A probability's central value, kept in [0, 1] so that a value the
/// editor flags (1.5, −0.2) cannot make the map read past 100% or below 0.
fn probability(value: &Uncertain) -> f64 {
    let x = value.central();
    if x.is_finite() {
        x.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey() -> Scenario {
        serde_json::from_str(
            r#"{
              "schema": 1, "months": 12,
              "departments": [
                {"id": "mkt", "name": "Marketing", "friction": 0.2},
                {"id": "ops", "name": "Operations", "friction": {"low": 0.1, "high": 0.3}},
                {"id": "care", "name": ""}
              ],
              "handoffs": [{"from": "mkt", "to": "ops", "friction": 0.5}],
              "referral_entry": "research",
              "stages": [
                {"id": "need", "name": "Need", "phase": "buy", "owner": "mkt", "advance": 0.5},
                {"id": "research", "name": "Research", "phase": "buy", "owner": "mkt", "advance": 0.4},
                {"id": "use", "name": "Use", "phase": "own", "owner": "ops", "advance": 0.3, "drop": 0.1},
                {"id": "renew", "name": "", "phase": "own", "owner": "care", "next": "use",
                 "advance": 0.2, "advocacy": 0.01}
              ]
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn stages_in_order_with_owners_and_friction_left_of_their_advance() {
        let map = JourneyMap::of(&journey());
        let names: Vec<_> = map.stages.iter().map(|st| st.name.as_str()).collect();
        assert_eq!(names, ["Need", "Research", "Use", "renew"]);
        let need = &map.stages[0];
        assert_eq!(
            (need.owner.as_str(), need.owner_index),
            ("Marketing", Some(0))
        );
        assert!((need.advance_after_friction - 0.5 * 0.8).abs() < 1e-12);
        // A range counts at its middle; a department without a name by its id.
        assert!((map.stages[2].advance_after_friction - 0.3 * 0.8).abs() < 1e-12);
        assert_eq!(map.stages[3].owner, "care");
    }

    #[test]
    fn a_listed_hand_off_charges_its_friction_on_the_advance_that_crosses_it() {
        let map = JourneyMap::of(&journey());
        let research = &map.stages[1];
        let lead = research.leads_to.as_ref().unwrap();
        assert_eq!((lead.stage, lead.follows), (2, true));
        let handoff = lead.handoff.as_ref().unwrap();
        assert_eq!(handoff.to, "Operations");
        assert_eq!(handoff.friction, Some(Uncertain::Point(0.5)));
        assert!((research.advance_after_friction - 0.4 * 0.8 * 0.5).abs() < 1e-12);
        // Same department: no hand-off.
        assert_eq!(map.stages[0].leads_to.as_ref().unwrap().handoff, None);
    }

    #[test]
    fn an_unlisted_hand_off_has_no_friction_and_a_loop_leads_back() {
        let map = JourneyMap::of(&journey());
        let use_stage = &map.stages[2];
        let handoff = use_stage
            .leads_to
            .as_ref()
            .unwrap()
            .handoff
            .as_ref()
            .unwrap();
        assert_eq!((handoff.to.as_str(), handoff.friction), ("care", None));
        assert!((use_stage.advance_after_friction - 0.3 * 0.8).abs() < 1e-12);
        let renew = map.stages[3].leads_to.as_ref().unwrap();
        assert_eq!(
            (renew.stage, renew.name.as_str(), renew.follows),
            (2, "Use", false)
        );
        assert_eq!(map.referrals_enter.as_deref(), Some("Research"));
    }

    #[test]
    fn a_journey_the_editor_flags_still_maps() {
        let mut s = journey();
        s.stages[0].owner = "gone".into();
        s.stages[0].advance = Uncertain::Point(1.5);
        s.stages[3].next = Some("nowhere".into());
        s.stages[3].advocacy = Uncertain::ZERO;
        let map = JourneyMap::of(&s);
        assert_eq!(
            (map.stages[0].owner.as_str(), map.stages[0].owner_index),
            ("gone", None)
        );
        assert_eq!(map.stages[0].advance, 1.0);
        assert_eq!(map.stages[3].leads_to, None);
        assert_eq!(map.referrals_enter, None);
        // No one advances: it leads nowhere, although a stage follows.
        s.stages[1].advance = Uncertain::ZERO;
        assert_eq!(JourneyMap::of(&s).stages[1].leads_to, None);
    }
}
