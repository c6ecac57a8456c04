//! The scenarios the app opens with and offers as presets: the journeys of
//! `examples/`, explained in `docs/examples.md`.

use journey_core::Scenario;
pub use journey_core::{DEFAULT_SEED, DEFAULT_TRIALS};

/// The scenario loaded at start: the subscription retailer.
pub const DEFAULT_SCENARIO: &str = include_str!("../examples/subscription-retailer.json");

pub struct Preset {
    /// Stable key, the example's file name without `.json`.
    pub key: &'static str,
    /// The scenario's own `name` (a test keeps them equal).
    pub name: &'static str,
    /// What the journey teaches or shows, in a few words.
    pub summary: &'static str,
    pub json: &'static str,
}

pub const PRESETS: [Preset; 4] = [
    Preset {
        key: "subscription-retailer",
        name: "Subscription retailer (monthly box)",
        summary: "Monthly box: churn after the first delivery and a returns desk",
        json: DEFAULT_SCENARIO,
    },
    Preset {
        key: "b2b-saas",
        name: "B2B SaaS with a long sales cycle",
        summary: "Long sales cycle, onboarding and account management",
        json: include_str!("../examples/b2b-saas.json"),
    },
    Preset {
        key: "retail-bank",
        name: "Omnichannel retail bank",
        summary: "Seven departments and six hand-offs",
        json: include_str!("../examples/retail-bank.json"),
    },
    Preset {
        key: "consumer-app",
        name: "Consumer app growing by word of mouth",
        summary: "Growth that comes mostly from advocacy",
        json: include_str!("../examples/consumer-app.json"),
    },
];

impl Preset {
    pub fn scenario(&self) -> Scenario {
        Scenario::from_json(self.json).expect("every preset parses")
    }
}

pub fn preset(key: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::Journey;

    #[test]
    fn every_preset_is_a_valid_journey_with_options_to_compare() {
        for p in &PRESETS {
            let scenario = p.scenario();
            assert_eq!(scenario.name, p.name, "{}", p.key);
            assert!(scenario.scenarios.len() >= 2, "{}", p.key);
            assert!(Journey::new(scenario).is_ok(), "{}", p.key);
            assert_eq!(preset(p.key).map(|q| q.key), Some(p.key));
        }
        assert!(preset("nope").is_none());
    }
}
