namespace CalciScope.Dicom;

/// <summary>The part of the data dictionary CalciScope reads and writes, with each tag's VR for implicit-VR files.</summary>
public static class DicomTags
{
    public static readonly DicomTag FileMetaInformationGroupLength = new(0x0002, 0x0000);
    public static readonly DicomTag FileMetaInformationVersion = new(0x0002, 0x0001);
    public static readonly DicomTag MediaStorageSopClassUid = new(0x0002, 0x0002);
    public static readonly DicomTag MediaStorageSopInstanceUid = new(0x0002, 0x0003);
    public static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);
    public static readonly DicomTag ImplementationClassUid = new(0x0002, 0x0012);
    public static readonly DicomTag ImplementationVersionName = new(0x0002, 0x0013);
    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    public static readonly DicomTag ImageType = new(0x0008, 0x0008);
    public static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    public static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    public static readonly DicomTag SeriesDate = new(0x0008, 0x0021);
    public static readonly DicomTag ContentDate = new(0x0008, 0x0023);
    public static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    public static readonly DicomTag ContentTime = new(0x0008, 0x0033);
    public static readonly DicomTag AccessionNumber = new(0x0008, 0x0050);
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    public static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    public static readonly DicomTag ReferringPhysicianName = new(0x0008, 0x0090);
    public static readonly DicomTag StudyDescription = new(0x0008, 0x1030);
    public static readonly DicomTag SeriesDescription = new(0x0008, 0x103E);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag PatientBirthDate = new(0x0010, 0x0030);
    public static readonly DicomTag PatientSex = new(0x0010, 0x0040);
    public static readonly DicomTag PatientAge = new(0x0010, 0x1010);
    public static readonly DicomTag BodyPartExamined = new(0x0018, 0x0015);
    public static readonly DicomTag SliceThickness = new(0x0018, 0x0050);
    public static readonly DicomTag KVP = new(0x0018, 0x0060);
    public static readonly DicomTag GantryDetectorTilt = new(0x0018, 0x1120);
    public static readonly DicomTag PatientPosition = new(0x0018, 0x5100);
    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020, 0x000E);
    public static readonly DicomTag StudyId = new(0x0020, 0x0010);
    public static readonly DicomTag SeriesNumber = new(0x0020, 0x0011);
    public static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    public static readonly DicomTag ImagePositionPatient = new(0x0020, 0x0032);
    public static readonly DicomTag ImageOrientationPatient = new(0x0020, 0x0037);
    public static readonly DicomTag FrameOfReferenceUid = new(0x0020, 0x0052);
    public static readonly DicomTag SliceLocation = new(0x0020, 0x1041);
    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    public static readonly DicomTag RescaleType = new(0x0028, 0x1054);
    public static readonly DicomTag SharedFunctionalGroupsSequence = new(0x5200, 0x9229);
    public static readonly DicomTag PerFrameFunctionalGroupsSequence = new(0x5200, 0x9230);
    public static readonly DicomTag PlanePositionSequence = new(0x0020, 0x9113);
    public static readonly DicomTag PlaneOrientationSequence = new(0x0020, 0x9116);
    public static readonly DicomTag PixelMeasuresSequence = new(0x0028, 0x9110);
    public static readonly DicomTag PixelValueTransformationSequence = new(0x0028, 0x9145);
    public static readonly DicomTag ExtendedOffsetTable = new(0x7FE0, 0x0001);
    public static readonly DicomTag ExtendedOffsetTableLengths = new(0x7FE0, 0x0002);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    public static readonly DicomTag ReferencedSeriesSequence = new(0x0008, 0x1115);
    public static readonly DicomTag ReferencedInstanceSequence = new(0x0008, 0x114A);
    public static readonly DicomTag ReferencedSopClassUid = new(0x0008, 0x1150);
    public static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    public static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    public static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    public static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);
    public static readonly DicomTag SpacingBetweenSlices = new(0x0018, 0x0088);
    public static readonly DicomTag SoftwareVersions = new(0x0018, 0x1020);
    public static readonly DicomTag DeviceSerialNumber = new(0x0018, 0x1000);
    public static readonly DicomTag ManufacturerModelName = new(0x0008, 0x1090);
    public static readonly DicomTag PositionReferenceIndicator = new(0x0020, 0x1040);
    public static readonly DicomTag SourceImageSequence = new(0x0008, 0x2112);
    public static readonly DicomTag DerivationImageSequence = new(0x0008, 0x9124);
    public static readonly DicomTag DerivationCodeSequence = new(0x0008, 0x9215);
    public static readonly DicomTag PurposeOfReferenceCodeSequence = new(0x0040, 0xA170);
    public static readonly DicomTag ContentLabel = new(0x0070, 0x0080);
    public static readonly DicomTag ContentDescription = new(0x0070, 0x0081);
    public static readonly DicomTag ContentCreatorName = new(0x0070, 0x0084);
    public static readonly DicomTag SegmentationType = new(0x0062, 0x0001);
    public static readonly DicomTag SegmentSequence = new(0x0062, 0x0002);
    public static readonly DicomTag SegmentedPropertyCategoryCodeSequence = new(0x0062, 0x0003);
    public static readonly DicomTag SegmentNumber = new(0x0062, 0x0004);
    public static readonly DicomTag SegmentLabel = new(0x0062, 0x0005);
    public static readonly DicomTag SegmentAlgorithmType = new(0x0062, 0x0008);
    public static readonly DicomTag SegmentAlgorithmName = new(0x0062, 0x0009);
    public static readonly DicomTag SegmentIdentificationSequence = new(0x0062, 0x000A);
    public static readonly DicomTag ReferencedSegmentNumber = new(0x0062, 0x000B);
    public static readonly DicomTag RecommendedDisplayCIELabValue = new(0x0062, 0x000D);
    public static readonly DicomTag SegmentedPropertyTypeCodeSequence = new(0x0062, 0x000F);
    public static readonly DicomTag FrameContentSequence = new(0x0020, 0x9111);
    public static readonly DicomTag DimensionIndexValues = new(0x0020, 0x9157);
    public static readonly DicomTag DimensionOrganizationUid = new(0x0020, 0x9164);
    public static readonly DicomTag DimensionIndexPointer = new(0x0020, 0x9165);
    public static readonly DicomTag FunctionalGroupPointer = new(0x0020, 0x9167);
    public static readonly DicomTag DimensionOrganizationSequence = new(0x0020, 0x9221);
    public static readonly DicomTag DimensionIndexSequence = new(0x0020, 0x9222);
    public static readonly DicomTag LossyImageCompression = new(0x0028, 0x2110);
    public static readonly DicomTag ValueType = new(0x0040, 0xA040);
    public static readonly DicomTag ConceptNameCodeSequence = new(0x0040, 0xA043);
    public static readonly DicomTag ContinuityOfContent = new(0x0040, 0xA050);
    public static readonly DicomTag RelationshipType = new(0x0040, 0xA010);
    public static readonly DicomTag TextValue = new(0x0040, 0xA160);
    public static readonly DicomTag ContentSequence = new(0x0040, 0xA730);
    public static readonly DicomTag CompletionFlag = new(0x0040, 0xA491);
    public static readonly DicomTag VerificationFlag = new(0x0040, 0xA493);
    public static readonly DicomTag MeasuredValueSequence = new(0x0040, 0xA300);
    public static readonly DicomTag NumericValue = new(0x0040, 0xA30A);
    public static readonly DicomTag MeasurementUnitsCodeSequence = new(0x0040, 0x08EA);
    public static readonly DicomTag PerformedProcedureCodeSequence = new(0x0040, 0xA372);
    public static readonly DicomTag ReferencedPerformedProcedureStepSequence = new(0x0008, 0x1111);
    public static readonly DicomTag CurrentRequestedProcedureEvidenceSequence = new(0x0040, 0xA375);
    public static readonly DicomTag ReferencedSopSequence = new(0x0008, 0x1199);
    public static readonly DicomTag InstanceCreationDate = new(0x0008, 0x0012);
    public static readonly DicomTag FloatPixelData = new(0x7FE0, 0x0008);
    public static readonly DicomTag DoubleFloatPixelData = new(0x7FE0, 0x0009);

    private static readonly Dictionary<uint, string> Vrs = new()
    {
        [0x00020000] = "UL", [0x00020001] = "OB", [0x00020002] = "UI", [0x00020003] = "UI", [0x00020010] = "UI",
        [0x00020012] = "UI", [0x00020013] = "SH", [0x00080005] = "CS", [0x00080008] = "CS", [0x00080016] = "UI",
        [0x00080018] = "UI", [0x00080020] = "DA", [0x00080021] = "DA", [0x00080023] = "DA", [0x00080030] = "TM",
        [0x00080033] = "TM", [0x00080050] = "SH", [0x00080060] = "CS", [0x00080070] = "LO", [0x00080090] = "PN",
        [0x00081030] = "LO", [0x0008103E] = "LO", [0x00081140] = "SQ", [0x00081150] = "UI", [0x00081155] = "UI",
        [0x00100010] = "PN", [0x00100020] = "LO", [0x00100030] = "DA", [0x00100040] = "CS", [0x00101010] = "AS",
        [0x00180015] = "CS", [0x00180050] = "DS", [0x00180060] = "DS", [0x00181120] = "DS", [0x00185100] = "CS",
        [0x0020000D] = "UI", [0x0020000E] = "UI", [0x00200010] = "SH", [0x00200011] = "IS", [0x00200013] = "IS",
        [0x00200032] = "DS", [0x00200037] = "DS", [0x00200052] = "UI", [0x00201041] = "DS", [0x00209113] = "SQ",
        [0x00209116] = "SQ", [0x00280002] = "US", [0x00280004] = "CS", [0x00280008] = "IS", [0x00280010] = "US",
        [0x00280011] = "US", [0x00280030] = "DS", [0x00280100] = "US", [0x00280101] = "US", [0x00280102] = "US",
        [0x00280103] = "US", [0x00281050] = "DS", [0x00281051] = "DS", [0x00281052] = "DS", [0x00281053] = "DS",
        [0x00281054] = "LO", [0x00289110] = "SQ", [0x00289145] = "SQ", [0x52009229] = "SQ", [0x52009230] = "SQ",
        [0x00400275] = "SQ", [0x0040A730] = "SQ", [0x0040A043] = "SQ", [0x0040A168] = "SQ", [0x00081115] = "SQ",
        [0x00081199] = "SQ", [0x00620002] = "SQ", [0x00620003] = "SQ", [0x00089215] = "SQ", [0x00209111] = "SQ",
        [0x00209071] = "SQ", [0x00620005] = "LO", [0x00620004] = "US", [0x00620008] = "CS", [0x0062000B] = "US",
        [0x7FE00001] = "OV", [0x7FE00002] = "OV", [0x7FE00008] = "OF", [0x7FE00009] = "OD", [0x7FE00010] = "OW",
        [0x00089206] = "CS", [0x0040A491] = "CS", [0x0040A493] = "CS", [0x0040A040] = "CS", [0x0040A010] = "CS",
        [0x0040A160] = "UT", [0x0040A30A] = "DS", [0x00080100] = "SH", [0x00080102] = "SH", [0x00080104] = "LO",
        [0x00280006] = "US", [0x00281041] = "SS", [0x00280106] = "US", [0x00280107] = "US",
        [0x0008114A] = "SQ", [0x00180088] = "DS", [0x00181020] = "LO", [0x00700080] = "CS", [0x00700081] = "LO", [0x00700084] = "PN",
        [0x00620001] = "CS", [0x00620009] = "LO", [0x0062000A] = "SQ", [0x0062000D] = "US", [0x0062000F] = "SQ", [0x00209157] = "UL",
        [0x00209164] = "UI", [0x00209165] = "AT", [0x00209167] = "AT", [0x00209221] = "SQ", [0x00209222] = "SQ", [0x00282110] = "CS",
        [0x0040A050] = "CS", [0x0040A300] = "SQ", [0x004008EA] = "SQ", [0x0040A372] = "SQ", [0x00081111] = "SQ", [0x0040A375] = "SQ",
        [0x00080012] = "DA", [0x00080013] = "TM", [0x00081090] = "LO", [0x00200020] = "CS", [0x00080201] = "SH",
    };

    /// <summary>The VR an implicit-VR file leaves unsaid; group lengths are UL; unknown tags are UN.</summary>
    public static string VrOf(DicomTag tag)
    {
        if (tag.Element == 0) return "UL";
        return Vrs.TryGetValue(tag.Value, out var vr) ? vr : "UN";
    }
}
