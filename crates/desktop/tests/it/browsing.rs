//! The "Add a service" view's browsing: the catalogue's categories with their counts, and one
//! category's services, as the window receives them.

use lookout_desktop::{catalog_categories, catalog_category, catalog_search};

#[test]
fn the_categories_cover_the_whole_catalogue_in_its_order() {
    let categories = catalog_categories();
    let total: u32 = categories.iter().map(|c| c.count).sum();
    assert_eq!(
        total as usize,
        lookout_core::catalog::entries().len(),
        "every service in one category"
    );
    assert!(categories.iter().all(|c| c.count > 0));
    let names: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
    let order: Vec<&str> = lookout_core::catalog::CATEGORIES
        .iter()
        .copied()
        .filter(|c| names.contains(c))
        .collect();
    assert_eq!(names, order);
    let json = serde_json::to_value(&categories[0]).unwrap();
    assert_eq!(json["name"], "auth");
    assert!(json["count"].is_u64(), "{json}");
}

#[test]
fn a_category_lists_its_services_by_name_and_an_unknown_one_none() {
    for category in catalog_categories() {
        let services = catalog_category(&category.name);
        assert_eq!(services.len(), category.count as usize, "{}", category.name);
        assert!(services.iter().all(|s| s.category == category.name));
        let names: Vec<String> = services.iter().map(|s| s.name.to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{}", category.name);
    }
    assert!(catalog_category("Cloud & CDN")
        .iter()
        .any(|s| s.name == "Cloudflare"));
    assert!(catalog_category("weather").is_empty());
    assert!(catalog_category("").is_empty());
}

#[test]
fn an_empty_search_still_offers_the_popular_picks() {
    let popular = catalog_search("  ");
    assert_eq!(popular[0].name, "GitHub");
    assert_eq!(popular.len(), lookout_core::catalog::POPULAR.len());
}

#[test]
fn every_catalogue_entry_names_its_platform_in_words() {
    for category in catalog_categories() {
        for entry in catalog_category(&category.name) {
            assert!(
                !entry.platform_label.is_empty() && entry.platform_label != entry.platform,
                "{}: {:?}",
                entry.name,
                entry.platform_label
            );
        }
    }
}

#[test]
fn a_service_that_cannot_be_watched_comes_with_its_reason() {
    let okta = catalog_search("okta")
        .into_iter()
        .find(|e| e.name == "Okta")
        .expect("Okta is offered");
    assert_eq!(okta.platform_label, "nothing readable");
    let reason = okta.reason.expect("and why it cannot be watched");
    assert!(reason.contains("lookout probe add"), "{reason}");
    let github = catalog_search("github").into_iter().next().unwrap();
    assert_eq!((github.name.as_str(), github.reason), ("GitHub", None));
}
