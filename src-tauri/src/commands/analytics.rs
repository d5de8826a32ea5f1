//! The figures: the dashboard, its charts and their export, the meeting pack, the outlook (At risk).

use super::*;

/// Who is slipping away: the fitted model, the `limit` customers with the most money at
/// risk, and the hold-out check.
#[tauri::command]
pub fn outlook_get(state: State<'_, AppState>, limit: u32) -> Reply<OutlookView> {
    state.with_session(|s| {
        let outlook = s.outlook(None)?;
        let holdout_svg = s.holdout_chart(ChartFormat::Svg)?.map(|svg| String::from_utf8_lossy(&svg).into_owned());
        Ok(OutlookView {
            as_of: outlook.as_of.to_string(),
            horizon_days: outlook.horizon_days,
            models: Camel(outlook.models.clone()),
            unavailable: outlook.unavailable.clone(),
            scored: outlook.customers.len() as u32,
            at_risk: Camel(outlook.customers.iter().take(limit as usize).cloned().collect()),
            holdout: Camel(outlook.holdout.clone()),
            sales_stop: s.sales_stop()?.map(|d| d.to_string()),
            holdout_svg,
            definitions: regulars_core::report::definitions::PREDICTIONS.iter().map(|d| (d.name(), d.text())).collect(),
        })
    })
}

#[tauri::command]
pub fn dashboard_get(state: State<'_, AppState>, filter: FilterInput) -> Reply<DashboardView> {
    state.with_session(|s| {
        let filter = self::filter(s, &filter)?;
        let span = s.sales_span()?;
        Ok(DashboardView {
            report: Camel(s.report(&filter)?),
            first_sale: span.map(|(first, _)| first.to_string()),
            last_sale: span.map(|(_, last)| last.to_string()),
            definitions: regulars_core::report::definitions::ALL.iter().map(|d| (d.name(), d.text())).collect(),
        })
    })
}

#[tauri::command]
pub fn charts_get(state: State<'_, AppState>, filter: FilterInput) -> Reply<Vec<ChartView>> {
    state.with_session(|s| {
        let filter = self::filter(s, &filter)?;
        Ok(s.charts_svg(&filter)?
            .into_iter()
            .map(|(kind, svg)| ChartView { kind: kind.slug().to_owned(), title: kind.title(), svg })
            .collect())
    })
}

/// Saves one chart as PNG (`png`, or `png2x` for double size), SVG or CSV. Returns the path,
/// or `null` when the owner cancelled the dialog.
#[tauri::command]
pub async fn chart_export(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: String,
    format: String,
    filter: FilterInput,
) -> Reply<Option<String>> {
    let (chart_format, suffix, label) = match format.as_str() {
        "png" => (ChartFormat::Png { scale: 1 }, "png", t!("dialog.png")),
        "png2x" => (ChartFormat::Png { scale: 2 }, "png", t!("dialog.png")),
        "svg" => (ChartFormat::Svg, "svg", t!("dialog.svg")),
        "csv" => (ChartFormat::Csv, "csv", t!("dialog.csv")),
        other => return Err(IpcError::internal(t!("app.noFormat", format = other))),
    };
    // The prediction model's hold-out check is a chart too, outside the dashboard's range.
    let (slug, bytes) = if kind == HOLDOUT_CHART {
        let bytes = state.with_session(|s| s.holdout_chart(chart_format)?.ok_or_else(|| IpcError::internal(t!("app.noHoldout"))))?;
        (HOLDOUT_CHART, bytes)
    } else {
        let kind = chart_kind(&kind)?;
        let bytes = state.with_session(|s| {
            let filter = self::filter(s, &filter)?;
            Ok(s.chart_file(kind, &filter, chart_format)?)
        })?;
        (kind.slug(), bytes)
    };
    let Some(path) = save_path(&app, &format!("{slug}.{suffix}"), &label, suffix) else { return Ok(None) };
    write_file(&state, &path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Saves the meeting pack PDF, reporting each page done on `progress`.
#[tauri::command]
pub async fn pack_export(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: FilterInput,
    progress: Channel<PackProgress>,
) -> Reply<Option<String>> {
    let name = state.with_session(|s| {
        let shop = s.shop()?.map(|shop| shop.name.as_str().to_owned()).unwrap_or_default();
        let safe: String = shop.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        Ok(format!("{}-repeat-business-{}.pdf", safe.trim_matches('-'), s.today()))
    })?;
    let Some(path) = save_path(&app, &name, &t!("dialog.pdf"), "pdf") else { return Ok(None) };
    let bytes = state.with_session(|s| {
        let filter = self::filter(s, &filter)?;
        Ok(s.meeting_pack(&filter, |done, total| {
            let _ = progress.send(PackProgress { done: done as u32, total: total as u32 });
        })?)
    })?;
    write_file(&state, &path, &bytes)?;
    Ok(Some(path.display().to_string()))
}
