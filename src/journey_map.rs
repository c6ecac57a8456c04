//! The journey at a glance: each stage in order with its owner, how much of
//! its advance rate friction leaves, and where it passes customers to
//! another department (a hand-off, whose friction MODEL.md §3 charges on
//! that advance). A probability's range is a Beta whose mean is its middle
//! (MODEL.md §2), and the draws are independent, so taking each at its
//! middle gives the mean rate after friction, before any run.

use journey_core::{Scenario, Uncertain};

/// One stage as the map shows it; names and phase are the scenario's own.
#[derive(Clone, Debug, PartialEq)]
pub struct MapStage {
    /// The owner's place among the departments, which picks its colour;
    /// `None` when no department has the owner's id.
    pub owner: Option<usize>,
    /// Advance per month as entered, and what the owner's friction and any
    /// hand-off friction leave of it.
    pub advance: f64,
    pub advance_after_friction: f64,
    /// Where advancing leads; `None` for a stage that advances nowhere
    /// (the last one, or one whose advance rate is 0).
    pub leads_to: Option<Lead>,
    /// Its customers refer new people (advocacy above zero on average).
    pub refers: bool,
}

/// Where a stage's advancing customers go.
#[derive(Clone, Debug, PartialEq)]
pub struct Lead {
    pub stage: usize,
    /// The stage listed right after (no `next` named, or `next` names it).
    pub follows: bool,
    /// Where that stage's owner is another department: the hand-off's
    /// friction (zero when the pair is not among the hand-offs).
    pub handoff: Option<Uncertain>,
}

impl Lead {
    /// The friction of the hand-off crossed, when there is one with any:
    /// where the map asks to look.
    pub fn handoff_friction(&self) -> Option<Uncertain> {
        self.handoff.filter(|f| !f.is_zero())
    }
}

/// The map of the journey: its stages in order, and the stage referrals
/// enter when any stage has advocacy.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyMap {
    pub stages: Vec<MapStage>,
    pub referrals_enter: Option<usize>,
}

impl JourneyMap {
    /// Reads any journey, valid or not: an owner that matches no
    /// department has no friction, a `next` that matches no stage leads
    /// nowhere.
    pub fn of(s: &Scenario) -> JourneyMap {
        let department = |id: &str| s.departments.iter().position(|d| d.id == id);
        let friction =
            |id: &str| department(id).map_or(0.0, |d| mean_probability(&s.departments[d].friction));
        let stages: Vec<MapStage> = s
            .stages
            .iter()
            .enumerate()
            .map(|(index, stage)| {
                let advance = mean_probability(&stage.advance);
                let target = match &stage.next {
                    Some(id) => s.stages.iter().position(|t| &t.id == id),
                    None => Some(index + 1).filter(|&t| t < s.stages.len()),
                }
                .filter(|_| advance > 0.0);
                let leads_to = target.map(|t| {
                    let to = &s.stages[t].owner;
                    Lead {
                        stage: t,
                        follows: t == index + 1,
                        handoff: (*to != stage.owner).then(|| {
                            s.handoffs
                                .iter()
                                .find(|h| h.from == stage.owner && h.to == *to)
                                .map_or(Uncertain::ZERO, |h| h.friction)
                        }),
                    }
                });
                let seam = leads_to
                    .as_ref()
                    .and_then(Lead::handoff_friction)
                    .map_or(0.0, |f| mean_probability(&f));
                MapStage {
                    owner: department(&stage.owner),
                    advance,
                    advance_after_friction: advance * (1.0 - friction(&stage.owner)) * (1.0 - seam),
                    leads_to,
                    refers: stage.advocacy.central() > 0.0,
                }
            })
            .collect();
        // Referrals enter the named stage, or the first.
        let referrals_enter = stages.iter().any(|st| st.refers).then(|| {
            let entry = s.referral_entry.as_deref();
            s.stages
                .iter()
                .position(|st| Some(st.id.as_str()) == entry)
                .unwrap_or(0)
        });
        JourneyMap {
            stages,
            referrals_enter,
        }
    }
}

/// A probability's mean (its range's middle), kept in [0, 1] so that a value the
/// editor flags (1.5, −0.2) cannot make the map read past 100% or below 0.
fn mean_probability(value: &Uncertain) -> f64 {
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

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn stages_in_order_with_owners_and_friction_left_of_their_advance() {
        let map = JourneyMap::of(&journey());
        let owners: Vec<_> = map.stages.iter().map(|st| st.owner).collect();
        assert_eq!(owners, [Some(0), Some(0), Some(1), Some(2)]);
        assert!(close(map.stages[0].advance_after_friction, 0.5 * 0.8));
        // A range counts at its middle, the mean of its Beta.
        assert!(close(map.stages[2].advance_after_friction, 0.3 * 0.8));
    }

    #[test]
    fn a_listed_hand_off_charges_its_friction_on_the_advance_that_crosses_it() {
        let map = JourneyMap::of(&journey());
        let research = &map.stages[1];
        let lead = research.leads_to.as_ref().unwrap();
        assert_eq!((lead.stage, lead.follows), (2, true));
        assert_eq!(lead.handoff, Some(Uncertain::Point(0.5)));
        assert!(close(research.advance_after_friction, 0.4 * 0.8 * 0.5));
        // Same department: no hand-off.
        assert_eq!(map.stages[0].leads_to.as_ref().unwrap().handoff, None);
    }

    #[test]
    fn an_unlisted_hand_off_has_no_friction_and_a_loop_leads_back() {
        let map = JourneyMap::of(&journey());
        let use_stage = &map.stages[2];
        let lead = use_stage.leads_to.as_ref().unwrap();
        assert_eq!(
            (lead.handoff, lead.handoff_friction()),
            (Some(Uncertain::ZERO), None)
        );
        assert!(close(use_stage.advance_after_friction, 0.3 * 0.8));
        let renew = map.stages[3].leads_to.as_ref().unwrap();
        assert_eq!((renew.stage, renew.follows), (2, false));
        assert_eq!(map.referrals_enter, Some(1));
        let refers: Vec<bool> = map.stages.iter().map(|st| st.refers).collect();
        assert_eq!(refers, [false, false, false, true]);
    }

    #[test]
    fn a_journey_the_editor_flags_still_maps() {
        let mut s = journey();
        s.stages[0].owner = "gone".into();
        s.stages[0].advance = Uncertain::Point(1.5);
        s.stages[3].next = Some("nowhere".into());
        s.stages[3].advocacy = Uncertain::ZERO;
        let map = JourneyMap::of(&s);
        assert_eq!(map.stages[0].owner, None);
        assert_eq!(map.stages[0].advance, 1.0);
        assert_eq!(map.stages[3].leads_to, None);
        assert_eq!(map.referrals_enter, None);
        // No one advances: it leads nowhere, although a stage follows.
        s.stages[1].advance = Uncertain::ZERO;
        assert_eq!(JourneyMap::of(&s).stages[1].leads_to, None);
        // Referrals enter the first stage when the one named is not there.
        s.stages[2].advocacy = Uncertain::Point(0.1);
        s.referral_entry = Some("gone".into());
        assert_eq!(JourneyMap::of(&s).referrals_enter, Some(0));
    }
}
