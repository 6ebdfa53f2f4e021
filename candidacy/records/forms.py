"""The forms of the records. They validate and keep what the user typed; saving goes through
`candidacy.records.services` (the forms' own `save` is never called)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from candidacy.models import (
    DataSet,
    GrantRecord,
    Initiative,
    LetterRecord,
    NetworkRecord,
    OfficeRecord,
    StageKind,
    StageProgress,
)
from cities.calendars import CalendarFormMixin
from cities.models import District
from core.uploads import evidence_file_type
from core.versions import VersionedForm

TEXT_ATTRS = {"dir": "auto"}


class RecordForm(CalendarFormMixin, VersionedForm, forms.ModelForm):
    """A crispy model form bound to one stage. A record with a required document offers the
    stage's attached documents, or an upload that is attached to the stage on save. An edit
    carries the version it was loaded with (`core.versions.VersionedForm`); so does a
    one-to-one record's first save (`versions_new`). Its dates and years count in the page's
    calendar (`cities.calendars.CalendarFormMixin`)."""

    #: The label of the document field and of its upload, for this form's record.
    document_label = ""
    upload_label = _("…or upload it now")

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, **kwargs)
        self.progress = progress
        self.instance.progress = progress
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.Textarea)):
                field.widget.attrs.update(TEXT_ATTRS)
        name = self._meta.model.document_field
        if name:
            field = self.fields[name]
            field.queryset = progress.evidence.order_by("uploaded_at")
            field.label = self.document_label or field.label
            field.empty_label = _("— not chosen yet —")
            field.error_messages["invalid_choice"] = _(
                "Choose one of the documents attached to this stage."
            )
            field.help_text = _("One of the documents attached to this stage.")
            self.fields["document_upload"] = forms.FileField(
                label=self.upload_label,
                required=False,
                help_text=_("PDF, PNG, JPEG or an office document, at most 10 MB."),
            )

    def clean_document_upload(self):
        upload = self.cleaned_data.get("document_upload")
        if upload:
            evidence_file_type(upload)
        return upload

    @property
    def values(self) -> dict:
        """The model fields' cleaned values, for the service."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class OfficeRecordForm(RecordForm):
    versions_new = True
    document_label = _("Decree establishing the office")
    staff_count = forms.IntegerField(label=_("Staff"), help_text=_("People working in the office."))

    class Meta:
        model = OfficeRecord
        fields = OfficeRecord.editable_fields


class LetterRecordForm(RecordForm):
    versions_new = True

    class Meta:
        model = LetterRecord
        fields = LetterRecord.editable_fields

    def __init__(self, *args, progress: StageProgress, **kwargs):
        if progress.definition.kind == StageKind.MEMORANDUM:
            self.document_label = _("Signed memorandum")
        else:
            self.document_label = _("Letter")
        super().__init__(*args, progress=progress, **kwargs)
        if progress.definition.kind == StageKind.MEMORANDUM:
            self.fields["addressee"].label = _("Parties")
            self.fields["addressee"].help_text = _("The parties to the memorandum.")
        else:
            self.fields["addressee"].label = _("Addressee")
            self.fields["addressee"].help_text = _("Who the letter is addressed to.")


class GrantRecordForm(RecordForm):
    versions_new = True
    document_label = _("Certificate")

    class Meta:
        model = GrantRecord
        fields = GrantRecord.editable_fields


class NetworkRecordForm(RecordForm):
    versions_new = True

    class Meta:
        model = NetworkRecord
        fields = NetworkRecord.editable_fields


def city_districts(progress: StageProgress):
    return District.objects.filter(city_id=progress.candidacy.city_id).order_by("number")


class DataSetForm(RecordForm):
    class Meta:
        model = DataSet
        fields = DataSet.editable_fields
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        districts = self.fields["districts"]
        districts.queryset = city_districts(progress)
        districts.error_messages["invalid_choice"] = _(
            "Choose districts of this city only (“%(value)s” is not one of them)."
        )


class InitiativeForm(RecordForm):
    class Meta:
        model = Initiative
        fields = Initiative.editable_fields
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, progress: StageProgress, **kwargs):
        super().__init__(*args, progress=progress, **kwargs)
        district = self.fields["district"]
        district.queryset = city_districts(progress)
        district.empty_label = _("The whole city")
        district.error_messages["invalid_choice"] = _("Choose a district of this city.")
        # The city's own organisations (the stakeholders catalogue), reached through the
        # model's string reference: this app's code imports nothing of the stakeholders app.
        body = self.fields["responsible_body"]
        body.queryset = body.queryset.filter(city_id=progress.candidacy.city_id).order_by(
            "name", "pk"
        )
        body.empty_label = _("— not in the catalogue —")
        body.error_messages["invalid_choice"] = _("Choose one of this city's organisations.")

    def _post_clean(self):
        # A refused choice (another city's organisation) never reaches the instance, so the
        # model's "choose one or write its name" would follow the refusal; the refusal is enough.
        refused = self.has_error("responsible_body")
        super()._post_clean()
        if refused:
            del self._errors["responsible_body"][1:]
